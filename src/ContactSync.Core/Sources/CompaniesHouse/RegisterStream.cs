using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ContactSync.Core.Companies;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>One change on a register stream: which company it is about (parsed from its resource URI), and its timepoint.</summary>
public sealed record RegisterChange(string Stream, string? Company, long Timepoint);

/// <summary>The stream answered something other than a stream; what to do next depends on which.</summary>
public sealed class RegisterStreamException(string message, RegisterStreamFailure failure) : Exception(message)
{
    public RegisterStreamFailure Failure { get; } = failure;
}

public enum RegisterStreamFailure
{
    /// <summary>416: the timepoint is older than the stream keeps; resume from now, and run a full pass for what was missed.</summary>
    TimepointTooOld,

    /// <summary>429: wait at least a minute before connecting again.</summary>
    Throttled,

    /// <summary>401/403: the streaming key is wrong (a REST key is refused here).</summary>
    Refused,

    /// <summary>Anything else (5xx, a dropped connection, silence past the keep-alives): wait ten seconds or more, then resume.</summary>
    Transient,
}

/// <summary>
/// Reads one of the register's streams (<c>/officers</c>, <c>/companies</c>): a long-lived GET whose body is one JSON
/// document a line, with blank keep-alive lines between. Resumes from a timepoint; a stream silent for longer than
/// <paramref name="silence"/> (no event, no keep-alive), or whose line runs past <paramref name="maxLineBytes"/>, counts as
/// dropped.
/// </summary>
public sealed class RegisterStream(HttpClient http, string streamUrl, string streamKey, TimeSpan silence, int maxLineBytes)
{
    public static readonly string[] Streams = ["officers", "companies"];

    public async IAsyncEnumerable<RegisterChange> ReadAsync(string stream, long? timepoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var uri = $"{streamUrl.TrimEnd('/')}/{stream}" + (timepoint is { } from ? string.Create(CultureInfo.InvariantCulture, $"?timepoint={from}") : "");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(streamKey + ":")));
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connect.CancelAfter(silence);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RegisterStreamException($"the {stream} stream could not be reached ({e.GetType().Name})", RegisterStreamFailure.Transient);
        }

        using (response)
        {
            var status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                throw new RegisterStreamException(string.Create(CultureInfo.InvariantCulture, $"the {stream} stream answered {(int)status}"), status switch
                {
                    HttpStatusCode.RequestedRangeNotSatisfiable => RegisterStreamFailure.TimepointTooOld,
                    HttpStatusCode.TooManyRequests => RegisterStreamFailure.Throttled,
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => RegisterStreamFailure.Refused,
                    _ => RegisterStreamFailure.Transient,
                });
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamLineReader(body, maxLineBytes);
            while (true)
            {
                string? line;
                using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    quiet.CancelAfter(silence);
                    try
                    {
                        line = await reader.ReadLineAsync(quiet.Token);
                    }
                    catch (StreamLineTooLongException)
                    {
                        throw new RegisterStreamException(string.Create(CultureInfo.InvariantCulture,
                            $"the {stream} stream sent a line longer than {maxLineBytes} bytes; dropped as a broken connection"), RegisterStreamFailure.Transient);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        throw new RegisterStreamException($"the {stream} stream dropped or fell silent ({e.GetType().Name})", RegisterStreamFailure.Transient);
                    }
                }

                if (line is null)
                {
                    throw new RegisterStreamException($"the {stream} stream ended", RegisterStreamFailure.Transient);
                }

                if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
                {
                    continue; // keep-alive
                }

                if (Parse(stream, line) is { } change)
                {
                    yield return change;
                }
            }
        }
    }

    /// <summary>An event's company and timepoint; null for a line that is not an event ContactSync can place.</summary>
    public static RegisterChange? Parse(string stream, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object
                || !e.TryGetProperty("timepoint", out var point) || point.ValueKind != JsonValueKind.Number || !point.TryGetInt64(out var timepoint))
            {
                return null;
            }

            var uri = root.TryGetProperty("resource_uri", out var resource) && resource.ValueKind == JsonValueKind.String ? resource.GetString() : null;
            return new RegisterChange(stream, CompanyOf(uri), timepoint);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The company number in <c>/company/{number}/…</c>, normalised.</summary>
    public static string? CompanyOf(string? resourceUri)
    {
        const string prefix = "/company/";
        if (resourceUri is null || !resourceUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = resourceUri[prefix.Length..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var number = CompanyRef.Normalise(end < 0 ? rest : rest[..end]);
        return number.Length > 0 ? number : null;
    }
}

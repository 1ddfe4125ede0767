using System.Globalization;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Runs;
using ContactSync.Core.Views;
using Npgsql;

namespace ContactSync.Worker.Cli;

/// <summary>
/// While <c>sync-once</c> runs, the figures a running run's page shows — records done of planned, the end estimated
/// at the API budget left — on standard error: one line rewritten in place on a terminal, a plain line now and then
/// when the output is a file or a pipe (a log keeps every line, so fewer). Standard output keeps only the summary.
/// </summary>
internal sealed class SyncProgressLine(NpgsqlDataSource dataSource, RunDetails runs, NexudusBudgetReader budget, TimeProvider time, TextWriter output, bool terminal)
{
    private static readonly TimeSpan TerminalEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);

    private int _width;

    public async Task ShowAsync(string source, DateTimeOffset since, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(terminal ? TerminalEvery : LogEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (await LineAsync(source, since, cancellationToken) is { } line)
                {
                    Write(line);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (NpgsqlException)
        {
            // Progress is a courtesy: the run itself reports what went wrong with the database.
        }
        finally
        {
            if (terminal && _width > 0)
            {
                await output.WriteLineAsync();
            }
        }
    }

    private async Task<string?> LineAsync(string source, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select id, started_at from sync_runs where source = @source and status = '{RunOutcome.Running}' and started_at >= @since order by started_at desc limit 1");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("since", since);
        Guid run;
        DateTimeOffset started;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (run, started) = (reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
        }

        var now = time.GetUtcNow();
        var progress = await runs.ProgressAsync(run, source, await budget.ReadAsync(cancellationToken), now, cancellationToken);
        if (progress.StillReading)
        {
            // Only the records read so far are known: what they need is a floor for the whole run, not an estimate.
            var atLeast = progress.EstimatedEnd is { } floor && progress.Remaining > 0 ? $", at least {RunProgress.Span(floor - now)} to go" : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{source}: reading the source, {progress.Planned:N0} records so far, {progress.Done:N0} done, running {RunProgress.Span(now - started)}{atLeast}");
        }

        var eta = progress.EstimatedEnd is { } end && progress.Remaining > 0
            ? string.Create(CultureInfo.InvariantCulture, $", about {RunProgress.Span(end - now)} to go (ends ~{end.UtcDateTime:yyyy-MM-dd HH:mm}Z)")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{source}: {progress.Done:N0} of {progress.Planned:N0} records done ({progress.Percent}%), running {RunProgress.Span(now - started)}{eta}");
    }

    private void Write(string line)
    {
        if (terminal)
        {
            output.Write("\r" + line.PadRight(_width));
            _width = line.Length;
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }
}

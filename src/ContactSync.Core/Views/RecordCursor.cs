using System.Buffers.Text;
using System.Text.Json;
using ContactSync.Core.Security;

namespace ContactSync.Core.Views;

/// <summary>
/// Where a page of records ended: the last item's source and key, as base64url-encoded JSON. It comes back from
/// whoever holds the URL, so reading it trusts nothing: anything this did not write reads as no cursor at all.
/// </summary>
public static class RecordCursor
{
    // Far beyond any source and key a page ends on, and small enough that decoding one costs nothing.
    private const int MaxLength = 2048;

    public static string Write(string source, string key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { source, key }));

    public static bool TryRead(string cursor, out (string Source, string Key) position)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        position = default;
        if (cursor.Length is 0 or > MaxLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        try
        {
            // Only a two-string array: a null, a number or a third item is not a cursor this wrote.
            if (JsonSerializer.Deserialize<JsonElement>(Base64Url.DecodeFromChars(cursor)) is not { ValueKind: JsonValueKind.Array } array
                || array.GetArrayLength() != 2
                || array[0].ValueKind != JsonValueKind.String || array[1].ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var (source, key) = (array[0].GetString()!, array[1].GetString()!);
            if (UnsafeText.Contains(source) || UnsafeText.Contains(key))
            {
                return false;
            }

            position = (source, key);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}

using System.Globalization;

namespace ContactSync.Sandbox.Api;

/// <summary>Reads the <c>?id=[1,2,3]</c> batch-get form (brackets optional).</summary>
internal static class BatchIds
{
    public static bool IsBatch(IQueryCollection query) => query.ContainsKey("id");

    public static bool TryParse(IQueryCollection query, out IReadOnlyList<int> ids)
    {
        var ints = new List<int>();
        ids = ints;
        foreach (var raw in query["id"])
        {
            var parts = (raw ?? string.Empty).Trim().TrimStart('[').TrimEnd(']')
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var part in parts)
            {
                if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                {
                    return false;
                }

                ints.Add(id);
            }
        }

        return true;
    }
}

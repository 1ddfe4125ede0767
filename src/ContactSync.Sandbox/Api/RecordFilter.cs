using System.Globalization;

namespace ContactSync.Sandbox.Api;

/// <summary>
/// Builds a predicate from Nexudus-style query filters (<c>Entity_Property=value</c>). Query names are
/// case-insensitive because ASP.NET Core's query collection is. An unparseable value is reported, not ignored.
/// </summary>
internal sealed class RecordFilter<T>(IQueryCollection query)
{
    private readonly List<Func<T, bool>> predicates = [];
    private readonly List<string> invalid = [];

    public IReadOnlyList<string> InvalidFilters => invalid;

    public RecordFilter<T> Int(string name, Func<T, int?> selector)
    {
        if (TryGet(name, out var raw))
        {
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var wanted))
            {
                predicates.Add(item => selector(item) == wanted);
            }
            else
            {
                invalid.Add(name);
            }
        }

        return this;
    }

    public RecordFilter<T> Bool(string name, Func<T, bool> selector)
    {
        if (TryGet(name, out var raw))
        {
            if (bool.TryParse(raw, out var wanted))
            {
                predicates.Add(item => selector(item) == wanted);
            }
            else
            {
                invalid.Add(name);
            }
        }

        return this;
    }

    /// <summary>Case-insensitive substring match, the loosest plausible reading of a Nexudus string filter.</summary>
    public RecordFilter<T> Contains(string name, Func<T, string?> selector)
    {
        if (TryGet(name, out var raw))
        {
            predicates.Add(item => selector(item)?.Contains(raw, StringComparison.OrdinalIgnoreCase) == true);
        }

        return this;
    }

    /// <summary>Case-insensitive whole-value match, for codes.</summary>
    public RecordFilter<T> Equal(string name, Func<T, string?> selector)
    {
        if (TryGet(name, out var raw))
        {
            predicates.Add(item => string.Equals(selector(item), raw, StringComparison.OrdinalIgnoreCase));
        }

        return this;
    }

    /// <summary>The <c>from_Name</c> / <c>to_Name</c> pair, both inclusive, read as UTC.</summary>
    public RecordFilter<T> Range(string name, Func<T, DateTimeOffset?> selector)
    {
        AddBound("from_" + name, selector, (value, bound) => value >= bound);
        AddBound("to_" + name, selector, (value, bound) => value <= bound);
        return this;
    }

    public bool Matches(T item) => predicates.TrueForAll(predicate => predicate(item));

    private void AddBound(string name, Func<T, DateTimeOffset?> selector, Func<DateTimeOffset, DateTimeOffset, bool> compare)
    {
        if (!TryGet(name, out var raw))
        {
            return;
        }

        if (SandboxDates.TryParseInstant(raw, out var bound))
        {
            predicates.Add(item => selector(item) is { } value && compare(value, bound));
        }
        else
        {
            invalid.Add(name);
        }
    }

    private bool TryGet(string name, out string value)
    {
        value = query[name].ToString();
        return !string.IsNullOrEmpty(value);
    }
}

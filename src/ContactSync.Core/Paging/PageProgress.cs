using System.Globalization;

namespace ContactSync.Core.Paging;

/// <summary>
/// Whether one paged read is getting anywhere, shared by every paged loop (Nexudus lists, the register's officers, the
/// CRM's list, search and associations). A page makes progress when it brings a record the read has not seen and does
/// not send the read back to a position (a cursor, an offset the server says it served, a keyset) it has already been
/// at. Two pages in a row without progress end the read: one could be a server's hiccup, two are a loop that would
/// otherwise spend the API's budget until the run is killed. As a backstop for a server that invents fresh records and
/// cursors for ever, the read never asks for more pages than the total the API reported can fill (with slack, see
/// <see cref="Expect"/>), or, with no total, than a fixed ceiling of the caller's.
/// </summary>
public sealed class PageProgress
{
    private const int StalledPagesAllowed = 2;

    private readonly HashSet<string> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int _stalled;
    private int? _expected;

    /// <param name="api">The API as operators know it, for the failure's message.</param>
    /// <param name="list">What is being paged ("the contact list"), for the failure's message: never a record.</param>
    /// <param name="maxPages">The ceiling while the API has reported no total.</param>
    public PageProgress(string api, string list, int maxPages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        Api = api;
        List = list;
        MaxPages = maxPages;
    }

    public string Api { get; }

    public string List { get; }

    /// <summary>Pages read so far, every query of the read counted.</summary>
    public int Pages { get; private set; }

    /// <summary>The most pages this read asks for.</summary>
    public int MaxPages { get; private set; }

    /// <summary>
    /// The total the API reported for the read: only the first one counts (a server must not raise its own ceiling).
    /// Twice the pages the total needs, plus a few, leaves room for records added while the read goes and for pages
    /// that serve a boundary again (a keyset read re-serves the records at its last value), and still stops a read
    /// that does not end after a few pages more than it could need.
    /// </summary>
    public void Expect(long? total, int pageSize)
    {
        if (_expected is not null || total is not { } count || count < 0 || pageSize < 1)
        {
            return;
        }

        ExpectPages((int)Math.Min(int.MaxValue / 4, (count + pageSize - 1) / pageSize));
    }

    /// <summary>As <see cref="Expect"/>, for an API that reports its number of pages.</summary>
    public void ExpectPages(int pages)
    {
        if (_expected is not null || pages < 0)
        {
            return;
        }

        _expected = pages;
        MaxPages = Math.Min(MaxPages, (pages * 2) + 5);
    }

    /// <summary>
    /// The page just read, before the read asks for the next one (a last page is not reported: it may well hold only
    /// records seen before, as when a record moved while the read went on). Throws <see cref="PagingStalledException"/>
    /// when the read should stop.
    /// </summary>
    /// <param name="position">Where the next page starts, as the server put it (its cursor, the offset or page it says it
    /// served) or as the page decided it (a keyset); null when the client counts it alone.</param>
    /// <param name="ids">The keys of the page's records.</param>
    public void ReadOn(string? position, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Pages++;
        var fresh = false;
        foreach (var id in ids)
        {
            fresh |= _ids.Add(id);
        }

        var repeated = position is not null && !_positions.Add(position);
        _stalled = fresh && !repeated ? 0 : _stalled + 1;
        if (_stalled >= StalledPagesAllowed)
        {
            throw new PagingStalledException(Api, $"{Api} returned the same page twice ({List}); the read stops and nothing is removed");
        }

        if (Pages >= MaxPages)
        {
            throw new PagingStalledException(Api, _expected is { } pages
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{Api} still had more pages after {Pages} ({List}), more than the {pages} its own total needs; the read stops and nothing is removed")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{Api} still had more pages after {Pages} ({List}); the read stops and nothing is removed"));
        }
    }

    /// <summary>
    /// A new query within the same read (a keyset over another sort): its positions and records start afresh, so a
    /// record the read met under the other query counts as progress once; its pages still count towards the ceiling.
    /// </summary>
    public void Restart()
    {
        _positions.Clear();
        _ids.Clear();
        _stalled = 0;
    }
}

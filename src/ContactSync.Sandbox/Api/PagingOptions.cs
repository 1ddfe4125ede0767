using System.ComponentModel.DataAnnotations;

namespace ContactSync.Sandbox.Api;

/// <summary>How large a page lists serve.</summary>
internal sealed class PagingOptions
{
    public const string SectionName = "Sandbox:Paging";

    /// <summary>
    /// The largest <c>size</c> a list honours; a larger one is cut to it, silently, as Nexudus does. The 2020 docs give
    /// 1000; accounts have been seen serving 25-row pages whatever was asked.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = ListQuery.DocumentedMaxSize;
}

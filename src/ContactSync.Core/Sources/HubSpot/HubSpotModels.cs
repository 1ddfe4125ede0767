namespace ContactSync.Core.Sources.HubSpot;

// HubSpot's shapes as ContactSync reads them: every property value is a string, and an unset one is null.

internal sealed record CrmObject(string Id, Dictionary<string, string?>? Properties, bool Archived)
{
    public string? Property(string? name) => name is null ? null : Properties?.GetValueOrDefault(name);
}

internal sealed record CrmPaging(CrmNext? Next);

internal sealed record CrmNext(string? After);

/// <summary>A page of a list or a search; <c>paging</c> is absent on the last page.</summary>
internal sealed record CrmPage(int? Total, List<CrmObject>? Results, CrmPaging? Paging);

internal sealed record SearchRequest(List<FilterGroup> FilterGroups, List<SearchSort> Sorts, List<string> Properties, int Limit, string? After);

internal sealed record FilterGroup(List<SearchFilter> Filters);

internal sealed record SearchFilter(string PropertyName, string Operator, string? Value);

internal sealed record SearchSort(string PropertyName, string Direction);

internal sealed record BatchInput(List<BatchId> Inputs, List<string>? Properties = null);

internal sealed record BatchId(string Id);

internal sealed record BatchError(string? Status, string? Category, string? SubCategory, string? Message, Dictionary<string, List<string>>? Context);

/// <summary>The v4 association batch read: each contact's companies, with every association type on the pair.</summary>
internal sealed record AssociationBatch(string? Status, List<AssociationResult>? Results, List<BatchError>? Errors);

internal sealed record AssociationResult(BatchId From, List<AssociatedObject>? To, CrmPaging? Paging);

internal sealed record AssociatedObject(long ToObjectId, List<AssociationType>? AssociationTypes);

internal sealed record AssociationType(string? Category, int TypeId, string? Label);

/// <summary>One contact's associations, a page at a time (for a contact with more than a batch read returns).</summary>
internal sealed record AssociationPage(List<AssociatedObject>? Results, CrmPaging? Paging);

internal sealed record ObjectBatch(string? Status, List<CrmObject>? Results, List<BatchError>? Errors);

/// <summary>HubSpot's error body; on a 429, <c>policyName</c> says which limit (<c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c>, <c>DAILY</c>).</summary>
internal sealed record HubSpotError(string? Status, string? Message, string? Category, string? PolicyName);

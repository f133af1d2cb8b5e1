namespace NeevCloud.Operator.Cloud;

/// <summary>
/// PaginationResponse of both services. Every field is optional in the contract, so a server may leave any
/// out: readers must not take a missing total for "no more pages".
/// </summary>
public sealed record Pagination(int? TotalItems, int? TotalPages, int? CurrentPage, int? ItemsPerPage);

namespace NeevCloud.Operator.Cloud;

/// <summary>PaginationResponse of both services.</summary>
public sealed record Pagination(int TotalItems, int TotalPages, int CurrentPage, int ItemsPerPage);

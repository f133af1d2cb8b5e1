namespace NeevCloud.Simulator.Contracts;

/// <summary>PaginationResponse of both services.</summary>
internal sealed record PaginationResponse(int TotalItems, int TotalPages, int CurrentPage, int ItemsPerPage);

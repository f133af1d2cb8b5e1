namespace NeevCloud.Simulator.Contracts;

/// <summary>Every list answer: <c>{"data": [...], "pagination": {...}}</c>.</summary>
internal sealed record ListResponse<T>(IReadOnlyList<T> Data, PaginationResponse Pagination);

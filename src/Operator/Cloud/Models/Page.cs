namespace NeevCloud.Operator.Cloud;

/// <summary>One page of a list endpoint: <c>{"data": [...], "pagination": {...}}</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, Pagination? Pagination);

namespace NeevCloud.Operator.Cloud;

/// <summary>
/// One API operation: its OpenAPI operationId (the label in metrics, logs and errors), its method, and whether
/// the resilience pipeline may repeat it. Only calls that are safe to repeat are retryable: a create that is
/// retried after a lost response would create a duplicate, so creates are left to the reconcilers.
/// </summary>
internal sealed record CloudOperation(string Name, HttpMethod Method, bool Retryable);

namespace NeevCloud.Operator.Cloud;

/// <summary>
/// One API operation: its OpenAPI operationId (the label in metrics, logs and errors), its method, whether the
/// resilience pipeline may repeat it, and whether it changes the cloud. Only calls that are safe to repeat are
/// retryable: a create that is retried after a lost response would create a duplicate, so creates are left to
/// the reconcilers. Calls that change the cloud pass the <see cref="Runtime.WriteFence"/> first.
/// </summary>
internal sealed record CloudOperation(string Name, HttpMethod Method, bool Retryable, bool Mutates);

namespace NeevCloud.Simulator;

/// <summary>How many requests reached <paramref name="Operation"/> and were answered with <paramref name="Status"/>.</summary>
/// <param name="Operation">The OpenAPI operationId, or <c>login</c>.</param>
/// <param name="Status">The status the client saw; 0 when the client went away before an answer (its own timeout).</param>
/// <param name="Count">The number of such requests.</param>
public sealed record SimulatorCallCount(string Operation, int Status, int Count);

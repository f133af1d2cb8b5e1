namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>A simulator answer that docs/api does not allow.</summary>
internal sealed class ContractViolationException(string message) : Exception(message);

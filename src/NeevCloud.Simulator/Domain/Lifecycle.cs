namespace NeevCloud.Simulator.Domain;

/// <summary>Names of lifecycle steps that are not statuses the API reports.</summary>
internal static class Lifecycle
{
    /// <summary>The record leaves the store: the API answers 404 from then on.</summary>
    public const string Removed = "(removed)";
}

namespace NeevCloud.Simulator.Domain;

/// <summary>ResourceState values of a project.</summary>
internal static class ProjectStatuses
{
    public const string Active = "active";

    public static IReadOnlyList<string> All { get; } = [Active, "suspended", "archived", "inactive"];
}

using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.Projects;

/// <summary>How a cloud project's state reads as kstatus conditions.</summary>
public static class ProjectReadiness
{
    public static Readiness ForCloudState(string state, string projectId) => state switch
    {
        "active" => Readiness.IsReady("Active", $"cloud project {projectId} is active"),
        "suspended" or "archived" or "inactive" => Readiness.IsStalled(
            Capitalise(state), $"cloud project {projectId} is {state}; reactivate it in the NeevCloud console"),
        _ => Readiness.IsUnknown("UnknownState", $"cloud project {projectId} reports state '{state}', which this operator does not know"),
    };

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}

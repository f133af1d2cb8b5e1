using NeevCloud.Operator.Controllers.Projects;

namespace Operator.Tests.Controllers;

public sealed class ProjectReadinessTests
{
    [Theory]
    [InlineData("active", "True", false, false, "Active")]
    [InlineData("suspended", "False", false, true, "Suspended")]
    [InlineData("archived", "False", false, true, "Archived")]
    [InlineData("inactive", "False", false, true, "Inactive")]
    [InlineData("frozen", "Unknown", true, false, "UnknownState")]
    public void Cloud_state_maps_to_kstatus(string state, string ready, bool reconciling, bool stalled, string reason)
    {
        var readiness = ProjectReadiness.ForCloudState(state, "p-1");

        Assert.Equal((ready, reconciling, stalled, reason), (readiness.Ready, readiness.Reconciling, readiness.Stalled, readiness.Reason));
        Assert.Contains("p-1", readiness.Message, StringComparison.Ordinal);
    }
}

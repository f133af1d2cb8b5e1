using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.VirtualMachines;

namespace Operator.Tests.Controllers;

public sealed class VmReadinessTests
{
    [Theory]
    [InlineData("pending", PowerState.Running, "False", true, false, "Pending")]
    [InlineData("pending", PowerState.Stopped, "False", true, false, "Pending")]
    [InlineData("provisioning", PowerState.Running, "False", true, false, "Provisioning")]
    [InlineData("provisioning", PowerState.Stopped, "False", true, false, "Provisioning")]
    [InlineData("starting", PowerState.Running, "False", true, false, "Starting")]
    [InlineData("starting", PowerState.Stopped, "False", true, false, "Starting")]
    [InlineData("stopping", PowerState.Running, "False", true, false, "Stopping")]
    [InlineData("stopping", PowerState.Stopped, "False", true, false, "Stopping")]
    [InlineData("restarting", PowerState.Running, "False", true, false, "Restarting")]
    [InlineData("restarting", PowerState.Stopped, "False", true, false, "Restarting")]
    [InlineData("running", PowerState.Running, "True", false, false, "Running")]
    [InlineData("running", PowerState.Stopped, "False", true, false, "Running")]
    [InlineData("stopped", PowerState.Stopped, "True", false, false, "Stopped")]
    [InlineData("stopped", PowerState.Running, "False", true, false, "Stopped")]
    [InlineData("deleting", PowerState.Running, "False", true, false, "Deleting")]
    [InlineData("deleting", PowerState.Stopped, "False", true, false, "Deleting")]
    [InlineData("deleted", PowerState.Running, "False", false, true, "DeletedOutOfBand")]
    [InlineData("deleted", PowerState.Stopped, "False", false, true, "DeletedOutOfBand")]
    [InlineData("failed", PowerState.Running, "False", false, true, "Failed")]
    [InlineData("failed", PowerState.Stopped, "False", false, true, "Failed")]
    [InlineData("hibernating", PowerState.Running, "Unknown", true, false, "UnknownStatus")]
    [InlineData("hibernating", PowerState.Stopped, "Unknown", true, false, "UnknownStatus")]
    [InlineData("", PowerState.Running, "Unknown", true, false, "UnknownStatus")]
    [InlineData("", PowerState.Stopped, "Unknown", true, false, "UnknownStatus")]
    public void Cloud_status_maps_to_kstatus(string raw, PowerState desired, string ready, bool reconciling, bool stalled, string reason)
    {
        var readiness = VmReadiness.ForCloudStatus(new OpenEnum<VmStatus>(raw), desired, cloudMessage: null);

        Assert.Equal((ready, reconciling, stalled, reason), (readiness.Ready, readiness.Reconciling, readiness.Stalled, readiness.Reason));
        Assert.False(string.IsNullOrWhiteSpace(readiness.Message));
    }

    [Fact]
    public void Every_known_status_is_covered_by_the_table()
    {
        // A new enum member must get its own row above rather than fall through to UnknownStatus.
        foreach (var status in Enum.GetValues<VmStatus>().Where(s => s != VmStatus.Unknown))
        {
            foreach (var desired in Enum.GetValues<PowerState>())
            {
                var readiness = VmReadiness.ForCloudStatus(status, desired, cloudMessage: null);
                Assert.NotEqual("UnknownStatus", readiness.Reason);
            }
        }
    }

    [Fact]
    public void Failed_carries_the_cloud_message()
    {
        var readiness = VmReadiness.ForCloudStatus(VmStatus.Failed, PowerState.Running, "no GPU capacity in region in-west-1");

        Assert.StartsWith("no GPU capacity in region in-west-1", readiness.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PowerState.Running)]
    [InlineData(PowerState.Stopped)]
    public void Failed_message_leads_with_the_trimmed_cloud_message_then_says_what_to_do(PowerState desired)
    {
        var readiness = VmReadiness.ForCloudStatus(new OpenEnum<VmStatus>("failed"), desired, "\n  GPU host lost power  ");

        Assert.StartsWith("GPU host lost power (", readiness.Message, StringComparison.Ordinal);
        Assert.Contains("delete this VirtualMachine", readiness.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_without_a_cloud_message_still_says_what_to_do()
    {
        var readiness = VmReadiness.ForCloudStatus(VmStatus.Failed, PowerState.Running, "  ");

        Assert.Contains("failed", readiness.Message, StringComparison.Ordinal);
        Assert.Contains("delete this VirtualMachine", readiness.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_status_quotes_the_raw_value()
    {
        var readiness = VmReadiness.ForCloudStatus(new OpenEnum<VmStatus>("hibernating"), PowerState.Running, cloudMessage: null);

        Assert.Contains("'hibernating'", readiness.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_is_matched_case_insensitively_and_reason_stays_CamelCase()
    {
        var readiness = VmReadiness.ForCloudStatus(new OpenEnum<VmStatus>("PROVISIONING"), PowerState.Running, cloudMessage: null);

        Assert.Equal("Provisioning", readiness.Reason);
    }
}

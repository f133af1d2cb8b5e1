using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.RootDisks;

namespace Operator.Tests.Controllers;

public sealed class RootDiskReadinessTests
{
    private const string VmId = "0b6f8a3e-2f7c-4c1e-9d4a-1f2e3d4c5b6a";

    [Theory]
    // status, attached, cloud message -> Ready, Reconciling, Stalled, Reason
    [InlineData("pending", false, null, "False", true, false, "Pending")]
    [InlineData("provisioning", false, null, "False", true, false, "Provisioning")]
    [InlineData("ready", true, null, "True", false, false, "Attached")]
    [InlineData("ready", false, null, "True", false, false, "Available")]
    [InlineData("failed", false, "volume backend unreachable", "False", false, true, "Failed")]
    [InlineData("failed", true, null, "False", false, true, "Failed")]
    [InlineData("failed", false, "   ", "False", false, true, "Failed")]
    [InlineData("deleting", false, null, "False", true, false, "Deleting")]
    [InlineData("archived", false, null, "Unknown", true, false, "UnknownStatus")]
    [InlineData("", false, null, "Unknown", true, false, "UnknownStatus")]
    [InlineData("READY", false, null, "True", false, false, "Available")]
    public void Cloud_status_maps_to_kstatus(
        string raw, bool attached, string? message, string ready, bool reconciling, bool stalled, string reason)
    {
        var readiness = RootDiskReadiness.ForCloudStatus(new OpenEnum<RootDiskStatus>(raw), attached, attached ? VmId : null, message);

        Assert.Equal((ready, reconciling, stalled, reason), (readiness.Ready, readiness.Reconciling, readiness.Stalled, readiness.Reason));
        Assert.False(string.IsNullOrWhiteSpace(readiness.Message));
    }

    [Fact]
    public void Every_known_status_is_covered_by_the_table()
    {
        // A new enum member must get its own row above rather than fall through to UnknownStatus.
        foreach (var status in Enum.GetValues<RootDiskStatus>().Where(s => s != RootDiskStatus.Unknown))
        {
            foreach (var attached in new[] { false, true })
            {
                var readiness = RootDiskReadiness.ForCloudStatus(status, attached, attached ? VmId : null, cloudMessage: null);
                Assert.NotEqual("UnknownStatus", readiness.Reason);
            }
        }
    }

    [Fact]
    public void Attached_names_the_vm()
    {
        var readiness = RootDiskReadiness.ForCloudStatus(RootDiskStatus.Ready, attached: true, VmId, cloudMessage: null);

        Assert.Contains(VmId, readiness.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_leads_with_the_cloud_message()
    {
        var readiness = RootDiskReadiness.ForCloudStatus(RootDiskStatus.Failed, attached: false, vmId: null, "  volume backend unreachable ");

        Assert.StartsWith("volume backend unreachable (", readiness.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_without_a_cloud_message_still_says_what_to_do()
    {
        var readiness = RootDiskReadiness.ForCloudStatus(RootDiskStatus.Failed, attached: false, vmId: null, cloudMessage: null);

        Assert.Contains("failed", readiness.Message, StringComparison.Ordinal);
        Assert.Contains("NeevCloud console", readiness.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_status_quotes_the_raw_value()
    {
        var readiness = RootDiskReadiness.ForCloudStatus(new OpenEnum<RootDiskStatus>("archived"), attached: false, vmId: null, cloudMessage: null);

        Assert.Contains("'archived'", readiness.Message, StringComparison.Ordinal);
    }
}

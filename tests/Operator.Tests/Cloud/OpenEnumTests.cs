using System.Text.Json;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

public sealed class OpenEnumTests
{
    [Theory]
    [InlineData("running", VmStatus.Running)]
    [InlineData("provisioning", VmStatus.Provisioning)]
    [InlineData("Stopped", VmStatus.Stopped)]
    public void Known_status_maps_to_its_member_and_keeps_the_raw_text(string raw, VmStatus expected)
    {
        var status = new OpenEnum<VmStatus>(raw);

        Assert.Equal(expected, status.Value);
        Assert.True(status.IsKnown);
        Assert.Equal(raw, status.Raw);
    }

    [Fact]
    public void A_status_the_operator_does_not_know_becomes_Unknown_with_the_raw_text()
    {
        var status = JsonSerializer.Deserialize<OpenEnum<VmStatus>>("\"hibernating\"");

        Assert.Equal(VmStatus.Unknown, status.Value);
        Assert.False(status.IsKnown);
        Assert.Equal("hibernating", status.Raw);
    }

    [Fact]
    public void A_member_is_written_as_its_snake_case_wire_name()
    {
        OpenEnum<DiskType> type = DiskType.Filesystem;

        Assert.Equal("\"filesystem\"", JsonSerializer.Serialize(type));
    }

    [Fact]
    public void A_missing_value_reads_as_Unknown_with_empty_raw_text()
    {
        var status = JsonSerializer.Deserialize<OpenEnum<VmStatus>>("null");

        Assert.Equal(VmStatus.Unknown, status.Value);
        Assert.Equal(string.Empty, status.Raw);
    }
}

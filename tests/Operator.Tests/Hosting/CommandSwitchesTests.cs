using NeevCloud.Operator.Hosting;

namespace Operator.Tests.Hosting;

public sealed class CommandSwitchesTests
{
    public static TheoryData<string[], string?, string?, string?, string> Parsed => new()
    {
        { [], null, null, null, "" },
        { ["-n", "ml", "--project", "p-1"], "ml", "p-1", null, "" },
        { ["--namespace", "ml", "-n", "team"], "team", null, null, "" },
        { ["--NeevCloud:VmUrl=http://sim", "--organization", "org-1", "--NeevCloud:TokenFile=/t"], null, null, "org-1", "--NeevCloud:VmUrl=http://sim --NeevCloud:TokenFile=/t" },
    };

    [Theory]
    [MemberData(nameof(Parsed))]
    public void Values_are_found_by_the_first_name_and_settings_pass_through_in_order(
        string[] args, string? ns, string? project, string? organization, string settings)
    {
        var switches = CommandSwitches.Parse(args, "--NeevCloud:", ["--namespace", "-n"], ["--project"], ["--organization"]);

        Assert.NotNull(switches);
        Assert.Equal((ns, project, organization, settings), (switches["--namespace"], switches["--project"], switches["--organization"], string.Join(' ', switches.Settings)));
    }

    [Theory]
    [InlineData("--projet", "p-1")]
    [InlineData("-n")]
    [InlineData("ml")]
    [InlineData("--NeevCloud:VmUrl=http://sim")]
    public void An_unknown_switch_a_missing_value_or_a_setting_without_a_prefix_is_a_usage_error(params string[] args) =>
        Assert.Null(CommandSwitches.Parse(args, settingsPrefix: null, ["--namespace", "-n"], ["--project"]));
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Tests.GitOps;

/// <summary>
/// The start, stop and restart buttons Argo CD shows on a VirtualMachine (deploy/argocd/actions), run in Argo
/// CD's own Lua environment: which are offered, and the spec change each makes (the operator does the rest).
/// </summary>
public sealed class ArgoActionTests
{
    [Theory]
    [InlineData(null, false, true, true)]
    [InlineData("Running", false, true, true)]
    [InlineData("Stopped", true, false, false)]
    public async Task Discovery_offers_stop_and_restart_on_a_running_vm_and_start_on_a_stopped_one(
        string? powerState, bool startOffered, bool stopOffered, bool restartOffered)
    {
        var actions = await ArgoLua.RunAsync("discovery", ArgoLua.Script("actions", "discovery.lua"), Vm(powerState));

        Assert.Equal(
            (!startOffered, !stopOffered, !restartOffered),
            (Disabled(actions, "start"), Disabled(actions, "stop"), Disabled(actions, "restart")));
    }

    [Theory]
    [InlineData("stop", "Running", "Stopped")]
    [InlineData("start", "Stopped", "Running")]
    public async Task Start_and_stop_set_the_power_state_and_nothing_else(string action, string before, string after)
    {
        var vm = Vm(before);

        var changed = await ArgoLua.RunAsync("action", ArgoLua.Script("actions", $"{action}.lua"), vm);

        Assert.Equal(after, changed["spec"]?["powerState"]?.GetValue<string>());
        changed["spec"]!["powerState"] = before;
        Assert.True(JsonNode.DeepEquals(vm, changed), $"{action} changed more than spec.powerState:\n{changed}");
    }

    [Fact]
    public async Task Restart_asks_for_a_restart_with_a_new_rfc3339_timestamp()
    {
        var vm = Vm("Running");
        vm["spec"]!["restartRequestedAt"] = "2020-01-01T00:00:00Z";

        var changed = await ArgoLua.RunAsync("action", ArgoLua.Script("actions", "restart.lua"), vm);

        var asked = changed["spec"]?["restartRequestedAt"]?.GetValue<string>();
        Assert.True(
            DateTimeOffset.TryParseExact(asked, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at),
            $"restartRequestedAt '{asked}' is not RFC 3339 UTC");
        Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    private static bool Disabled(JsonNode actions, string name) =>
        actions[name]?["disabled"]?.GetValue<bool>() ?? throw new Xunit.Sdk.XunitException($"no action '{name}' in {actions}");

    private static JsonObject Vm(string? powerState)
    {
        var spec = new JsonObject
        {
            ["projectRef"] = new JsonObject { ["name"] = "team" },
            ["regionId"] = "in-mum-1",
            ["vmConfigId"] = "cfg-h100-8x",
            ["planId"] = "plan-hourly",
            ["rootDisk"] = new JsonObject { ["create"] = new JsonObject { ["name"] = "web-root", ["sizeGb"] = 40, ["imageId"] = "img-ubuntu" } },
            ["exposedPorts"] = new JsonArray(),
        };
        if (powerState is not null)
        {
            spec["powerState"] = powerState;
        }

        return new JsonObject
        {
            ["apiVersion"] = "neevcloud.com/v1alpha1",
            ["kind"] = "VirtualMachine",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "ml", ["generation"] = 3, ["annotations"] = new JsonObject() },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["observedGeneration"] = 3, ["phase"] = "running" },
        };
    }
}

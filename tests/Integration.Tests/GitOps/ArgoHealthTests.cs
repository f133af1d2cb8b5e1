using Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Integration.Tests.GitOps;

/// <summary>
/// deploy/argocd/health.lua, run in Argo CD's own Lua environment (gopher-lua without the standard
/// libraries, see <see cref="ArgoLua"/>), shows in Argo CD the same verdict kstatus, Flux and `kubectl wait`
/// read from the conditions. A stock Lua has every library and would pass a script Argo CD cannot run.
/// </summary>
public sealed class ArgoHealthTests
{
    private static readonly string ConfigMap = ArgoLua.Script("argocd-cm.yaml");

    public static TheoryData<string> Cases => [.. ArgoHealthCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Argo_health_follows_the_kstatus_conditions(string name)
    {
        var expected = ArgoHealthCases.All[name];

        var health = await ArgoLua.RunAsync("health", ArgoLua.Script("health.lua"), expected.Resource);

        Assert.Equal(expected.Status, health["status"]?.GetValue<string>());
        Assert.Contains(expected.Message, health["message"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Argocd_cm_snippet_holds_the_scripts_as_they_are_in_the_repository()
    {
        var configMap = KubernetesYaml.Deserialize<V1ConfigMap>(File.ReadAllText(ConfigMap), strict: true);
        var script = File.ReadAllText(ArgoLua.Script("health.lua"));

        Assert.Equal("argocd-cm", configMap.Metadata.Name);
        Assert.Equal(
            ["actions.neevcloud.com_VirtualMachine", "health.neevcloud.com_Project", "health.neevcloud.com_RootDisk", "health.neevcloud.com_VirtualMachine"],
            configMap.Data.Keys.Select(key => key.Replace("resource.customizations.", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(configMap.Data.Where(entry => entry.Key.Contains(".health.", StringComparison.Ordinal)), entry => Assert.True(
            entry.Value == script, $"{entry.Key} in deploy/argocd/argocd-cm.yaml differs from deploy/argocd/health.lua: run hack/argocd-cm.sh"));

        var actions = new YamlDotNet.Serialization.DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, object>>(configMap.Data["resource.customizations.actions.neevcloud.com_VirtualMachine"]);
        Assert.Equal(File.ReadAllText(ArgoLua.Script("actions", "discovery.lua")), actions["discovery.lua"]);
        var definitions = ((List<object>)actions["definitions"]).Cast<Dictionary<object, object>>().ToList();
        Assert.Equal(["start", "stop", "restart"], definitions.Select(d => (string)d["name"]));
        Assert.All(definitions, action => Assert.True(
            (string)action["action.lua"] == File.ReadAllText(ArgoLua.Script("actions", $"{action["name"]}.lua")),
            $"action {action["name"]} in deploy/argocd/argocd-cm.yaml differs from deploy/argocd/actions/{action["name"]}.lua: run hack/argocd-cm.sh"));
    }
}

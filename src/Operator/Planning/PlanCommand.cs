using System.Text;
using k8s;
using k8s.Models;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Controllers.VirtualMachines.Replacement;
using NeevCloud.Operator.Hosting;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Planning;

/// <summary>
/// <c>neev-operator plan -f &lt;dir or file&gt; [--current &lt;file&gt;] [-n &lt;namespace&gt;] [-o text|yaml]</c> (also
/// <c>kubectl neev plan</c>): what applying the manifests would do to each VirtualMachine whose change needs a
/// replacement — the plan the controller would write to status.plan, from the same function — so a pull request
/// can show it. Offline: it reads the manifests and the cluster's current objects (through the kubeconfig, or from
/// <c>kubectl get virtualmachines -A -o yaml</c> saved to a file) and calls no cloud.
/// </summary>
public static class PlanCommand
{
    private const string Usage =
        "usage: plan -f <dir or file> [--current <kubectl get virtualmachines -A -o yaml output>] [-n <namespace>] [-o text|yaml]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        if (CommandSwitches.Parse(args, settingsPrefix: null, ["-f", "--filename"], ["--current"], ["-n", "--namespace"], ["-o", "--output"])
            is not { } switches || switches["-o"] is not (null or "text" or "yaml"))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        var (manifests, current, ns, yaml) = (switches["-f"], switches["--current"], switches["-n"], switches["-o"] == "yaml");
        if (manifests is null || !(File.Exists(manifests) || Directory.Exists(manifests)))
        {
            await errors.WriteLineAsync(manifests is null ? "-f is required" : $"{manifests}: no such file or directory");
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        List<VirtualMachine> desired;
        Func<string, string, CancellationToken, Task<VirtualMachine?>> lookup;
        try
        {
            desired = ReadVirtualMachines(ManifestFiles(manifests), ns ?? "default");
            lookup = current is not null ? FromFile(ReadVirtualMachines([current], ns ?? "default")) : FromCluster();
        }
        catch (Exception ex) when (ex is IOException or YamlDotNet.Core.YamlException or k8s.Exceptions.KubeConfigException or InvalidOperationException)
        {
            await errors.WriteLineAsync($"plan failed: {ex.Message}");
            return 1;
        }

        var results = new List<PlanResult>();
        foreach (var vm in desired)
        {
            try
            {
                results.Add(PlanFor(vm, await lookup(vm.Metadata.NamespaceProperty, vm.Metadata.Name, cancellationToken)));
            }
            catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException)
            {
                await errors.WriteLineAsync($"plan failed: cannot read VirtualMachine {vm.Metadata.NamespaceProperty}/{vm.Metadata.Name}: {ex.Message}");
                return 1;
            }
        }

        await output.WriteAsync(yaml ? ToYaml(results) : ToText(results));
        return 0;
    }

    /// <summary>What applying <paramref name="desired"/> over <paramref name="current"/> (null: not in the cluster) means for the VM.</summary>
    public static PlanResult PlanFor(VirtualMachine desired, VirtualMachine? current)
    {
        var key = $"{desired.Metadata.NamespaceProperty}/{desired.Metadata.Name}";
        if (current is null)
        {
            return new PlanResult(key, "created: a new VM (nothing to replace)", null);
        }

        // Applying a different spec makes a new generation, and the plan (and its approval) is for that one.
        var generation = (current.Metadata.Generation ?? 1) + (SameSpec(desired.Spec, current.Spec) ? 0 : 1);
        var plan = ReplacementPlanner.For(desired.Metadata.Name, desired.Spec, current.Status, generation);
        if (plan is null)
        {
            return new PlanResult(key, current.Status?.VmId is null ? "no VM yet: it is created as the spec says" : "no replacement: the VM already has every field the VM API cannot update", null);
        }

        var verdict = desired.Spec.UpdatePolicy != UpdatePolicy.ReplaceOnApproval
            ? "refused by the API server: these fields are immutable under updatePolicy Refuse (set ReplaceOnApproval to replace the VM)"
            : plan.Refused is { } refused
                ? $"replacement refused: {refused}"
                : $"replacement after approval: kubectl annotate virtualmachine -n {desired.Metadata.NamespaceProperty} {desired.Metadata.Name} "
                  + $"{ReplacementPlanner.ApprovalAnnotation}={generation} --overwrite";
        return new PlanResult(key, verdict, plan);
    }

    private static bool SameSpec(VirtualMachineSpec a, VirtualMachineSpec b) => KubernetesJson.Serialize(a) == KubernetesJson.Serialize(b);

    private static IEnumerable<string> ManifestFiles(string path) => File.Exists(path)
        ? [path]
        : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <summary>The VirtualMachines in YAML files: documents of that kind, and the items of a List (what kubectl get -o yaml prints).</summary>
    private static List<VirtualMachine> ReadVirtualMachines(IEnumerable<string> files, string defaultNamespace)
    {
        var found = new List<VirtualMachine>();
        foreach (var file in files)
        {
            foreach (var document in Documents(File.ReadAllText(file)))
            {
                var head = KubernetesYaml.Deserialize<KubernetesObject>(document);
                if (head?.Kind == "List")
                {
                    found.AddRange(KubernetesYaml.Deserialize<EntityList<VirtualMachine>>(document).Items.Where(IsVirtualMachine));
                }
                else if (head is not null && IsVirtualMachine(head))
                {
                    found.Add(KubernetesYaml.Deserialize<VirtualMachine>(document));
                }
            }
        }

        foreach (var vm in found)
        {
            vm.Metadata.NamespaceProperty ??= defaultNamespace;
        }

        return found;
    }

    private static bool IsVirtualMachine(IKubernetesObject item) => item.Kind == "VirtualMachine" && item.ApiVersion?.StartsWith("neevcloud.com/", StringComparison.Ordinal) == true;

    private static IEnumerable<string> Documents(string text)
    {
        var current = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimEnd('\r') == "---" || line.StartsWith("--- ", StringComparison.Ordinal))
            {
                if (current.ToString().Trim().Length > 0)
                {
                    yield return current.ToString();
                }

                current.Clear();
                continue;
            }

            current.Append(line).Append('\n');
        }

        if (current.ToString().Trim().Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static Func<string, string, CancellationToken, Task<VirtualMachine?>> FromFile(List<VirtualMachine> objects) =>
        (ns, name, _) => Task.FromResult(objects.FirstOrDefault(o => o.Metadata.NamespaceProperty == ns && o.Metadata.Name == name));

    private static Func<string, string, CancellationToken, Task<VirtualMachine?>> FromCluster()
    {
        var client = new EntityClient<VirtualMachine>(new Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig()));
        return client.GetAsync;
    }

    private static string ToText(List<PlanResult> results)
    {
        var text = new StringBuilder();
        foreach (var result in results)
        {
            text.Append("VirtualMachine ").Append(result.Key).Append(": ").Append(result.Verdict).Append('\n');
            if (result.Plan is not { } plan)
            {
                continue;
            }

            text.Append("  generation ").Append(plan.Generation).Append('\n');
            foreach (var change in plan.Changes)
            {
                text.Append("  ~ ").Append(change.Field).Append(": ").Append(change.From).Append(" -> ").Append(change.To).Append('\n');
            }

            Section(text, "keeps", plan.DisksKept);
            Section(text, "deletes", plan.DisksLost);
            Section(text, "also", plan.Consequences);
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IList<string>? lines)
    {
        foreach (var line in lines ?? [])
        {
            text.Append("  ").Append(title).Append(": ").Append(line).Append('\n');
        }
    }

    /// <summary>One YAML document per VirtualMachine: its key, the verdict, and the plan exactly as status.plan would hold it.</summary>
    private static string ToYaml(List<PlanResult> results) =>
        string.Join("---\n", results.Select(r => KubernetesYaml.Serialize(r)));
}

/// <summary>The plan for one VirtualMachine of the manifests.</summary>
/// <param name="Key">namespace/name.</param>
/// <param name="Verdict">What applying does, in one sentence (with the approval command when one is needed).</param>
/// <param name="Plan">The plan status.plan would hold; null when no replacement is needed.</param>
public sealed record PlanResult(
    [property: System.Text.Json.Serialization.JsonPropertyName("virtualMachine")] string Key,
    [property: System.Text.Json.Serialization.JsonPropertyName("verdict")] string Verdict,
    [property: System.Text.Json.Serialization.JsonPropertyName("plan")] ReplacementPlan? Plan);

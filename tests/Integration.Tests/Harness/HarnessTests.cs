using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Integration.Tests.Harness;

/// <summary>
/// Proves that the test backend is a real API server with the semantics the operator relies
/// on: schema validation, watch, the status subresource and finalizers.
/// </summary>
public sealed class HarnessTests(KubernetesFixture cluster)
{
    private const string Group = "harness.neev.test";
    private const string Version = "v1";
    private const string Plural = "gadgets";

    private static V1CustomResourceDefinition GadgetCrd => TestCrds.Namespaced(
        Group,
        Version,
        "Gadget",
        Plural,
        spec: new()
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer", Minimum = 1, Maximum = 10 } },
        },
        status: new()
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps> { ["phase"] = new() { Type = "string" } },
        });

    [Fact]
    public async Task Custom_resources_can_be_created_read_and_watched()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await PrepareAsync(ct);
        using var watchCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        watchCts.CancelAfter(TimeSpan.FromSeconds(30));
        var watch = cluster.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            Group, Version, ns, Plural, cancellationToken: watchCts.Token);
        var firstEvent = FirstEventAsync(watch);

        await CreateGadgetAsync(ns, "g1", size: 3, ct);
        var read = await GetGadgetAsync(ns, "g1", ct);

        Assert.Equal(3, read["spec"]!["size"]!.GetValue<int>());
        var (type, name) = await firstEvent;
        Assert.Equal((WatchEventType.Added, "g1"), (type, name));
    }

    [Fact]
    public async Task Status_subresource_is_written_separately_from_spec()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await PrepareAsync(ct);
        await CreateGadgetAsync(ns, "g2", size: 2, ct);

        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Ready"},"spec":{"size":9}}""", V1Patch.PatchType.MergePatch),
            Group, Version, ns, Plural, "g2", cancellationToken: ct);

        var read = await GetGadgetAsync(ns, "g2", ct);
        Assert.Equal("Ready", read["status"]!["phase"]!.GetValue<string>());
        // The status endpoint ignores spec changes: that is what keeps an operator from mutating spec.
        Assert.Equal(2, read["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_finalizer_holds_a_deleted_object_until_it_is_removed()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await PrepareAsync(ct);
        await CreateGadgetAsync(ns, "g3", size: 1, ct, finalizer: "harness.neev.test/hold");

        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, Plural, "g3", cancellationToken: ct);

        var held = await GetGadgetAsync(ns, "g3", ct);
        Assert.NotNull(held["metadata"]!["deletionTimestamp"]);

        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch),
            Group, Version, ns, Plural, "g3", cancellationToken: ct);

        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => GetGadgetAsync(ns, "g3", ct));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_object_is_rejected_with_the_schema_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await PrepareAsync(ct);

        var rejected = await Assert.ThrowsAsync<HttpOperationException>(() => CreateGadgetAsync(ns, "g4", size: 11, ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.Response.StatusCode);
        Assert.Contains("spec.size", rejected.Response.Content, StringComparison.Ordinal);
        Assert.Contains("less than or equal to 10", rejected.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_sees_the_resources_through_discovery()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await PrepareAsync(ct);
        await CreateGadgetAsync(ns, "g5", size: 4, ct);

        var result = await cluster.KubectlAsync(["get", "gadgets", "-n", ns, "-o", "name"], cancellationToken: ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("gadget.harness.neev.test/g5", result.StdOut.Trim());
    }

    private async Task<string> PrepareAsync(CancellationToken ct)
    {
        await cluster.ApplyCrdsAsync([GadgetCrd], ct);
        return await cluster.CreateNamespaceAsync("harness", ct);
    }

    private Task CreateGadgetAsync(string ns, string name, int size, CancellationToken ct, string? finalizer = null)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "Gadget",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["finalizers"] = finalizer is null ? null : new JsonArray(finalizer),
            },
            ["spec"] = new JsonObject { ["size"] = size },
        };
        return cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, ns, Plural, cancellationToken: ct);
    }

    private async Task<JsonNode> GetGadgetAsync(string ns, string name, CancellationToken ct)
    {
        var obj = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, ns, Plural, name, ct);
        return JsonSerializer.SerializeToNode(obj)!;
    }

    private static async Task<(WatchEventType Type, string Name)> FirstEventAsync(IAsyncEnumerable<(WatchEventType, object)> watch)
    {
        await foreach (var (type, item) in watch)
        {
            return (type, JsonSerializer.SerializeToNode(item)!["metadata"]!["name"]!.GetValue<string>());
        }

        throw new InvalidOperationException("the watch ended without an event");
    }
}

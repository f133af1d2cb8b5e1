using Integration.Tests.Crds;
using Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// One end-to-end scenario: its own namespace on the real API server, its own NeevCloud simulator,
/// and the operator in-process (started when the test says so, restartable like a crash would).
/// Users' actions go through kubectl, as they would.
/// </summary>
public abstract class OperatorScenario(KubernetesFixture cluster, string namespacePrefix) : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private OperatorUnderTest? _operator;

    protected KubernetesFixture Cluster => cluster;

    protected CancellationToken Ct { get; } = TestContext.Current.CancellationToken;

    protected string Ns { get; private set; } = "";

    internal CloudSimulator Cloud { get; private set; } = null!;

    /// <summary>Simulator settings of the scenario (null: the defaults).</summary>
    protected virtual SimulatorOptions? SimulatorOptions => null;

    public virtual async ValueTask InitializeAsync()
    {
        await NeevCrds.InstallAsync(cluster);
        Ns = await cluster.CreateNamespaceAsync(namespacePrefix, Ct);
        Cloud = await CloudSimulator.StartAsync(Ct, SimulatorOptions);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await NeevCrds.DeleteAllAsync(cluster, Ns);
        if (_operator is not null)
        {
            await _operator.DisposeAsync();
        }

        if (Cloud is not null)
        {
            await Cloud.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the operator, or restarts it as a crash would (no clean-up in between).</summary>
    protected async Task StartOperatorAsync(params string[] extraArgs)
    {
        if (_operator is not null)
        {
            await _operator.DisposeAsync();
        }

        _operator = await OperatorUnderTest.StartAsync(cluster, Cloud, Ns, Ct, extraArgs);
    }

    protected async Task StopOperatorAsync()
    {
        if (_operator is not null)
        {
            await _operator.DisposeAsync();
            _operator = null;
        }
    }

    protected async Task ApplyAsync(string manifest)
    {
        var result = await cluster.KubectlAsync(["apply", "-n", Ns, "-f", "-"], manifest, Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    protected async Task DeleteAsync(string resource, string name)
    {
        var result = await cluster.KubectlAsync(["delete", resource, name, "-n", Ns, "--wait=false"], cancellationToken: Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>A JSON merge patch, as <c>kubectl patch --type=merge</c> sends it.</summary>
    protected async Task PatchAsync(string resource, string name, string mergePatch)
    {
        var result = await cluster.KubectlAsync(["patch", resource, name, "-n", Ns, "--type=merge", "-p", mergePatch], cancellationToken: Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Waits until the resource satisfies the assertion and returns it as it was then.</summary>
    protected async Task<T> WaitForAsync<T>(string name, Action<T> assertion, TimeSpan? timeout = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var client = new EntityClient<T>(cluster.Client);
        T? found = null;
        await Eventually.AssertAsync(async () =>
        {
            found = await client.GetAsync(Ns, name, Ct);
            Assert.True(found is not null, $"{typeof(T).Name} {Ns}/{name} does not exist");
            assertion(found);
        }, timeout ?? Timeout, Ct);
        return found!;
    }

    /// <summary>Waits until the resource has the condition (and reason, when given).</summary>
    protected Task<T> WaitForConditionAsync<T>(string name, string type, string status, string? reason = null, TimeSpan? timeout = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        WaitForAsync<T>(name, resource =>
        {
            var condition = Conditions.Find(StatusOf(resource)?.Conditions, type);
            Assert.True(
                condition?.Status == status && (reason is null || condition.Reason == reason),
                $"{typeof(T).Name} {name}: expected {type}={status}{(reason is null ? "" : $" ({reason})")}; has {Describe(StatusOf(resource))}");
        }, timeout);

    protected Task<T> WaitForReadyAsync<T>(string name, TimeSpan? timeout = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        WaitForConditionAsync<T>(name, ConditionTypes.Ready, "True", timeout: timeout);

    protected Task WaitUntilGoneAsync<T>(string name, TimeSpan? timeout = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Eventually.AssertAsync(
            async () => Assert.Null(await new EntityClient<T>(cluster.Client).GetAsync(Ns, name, Ct)), timeout ?? Timeout, Ct);

    /// <summary>The status of any of the operator's resources (they all carry conditions).</summary>
    protected static IConditionedStatus? StatusOf<T>(T resource) =>
        typeof(T).GetProperty("Status")?.GetValue(resource) as IConditionedStatus;

    protected static string Describe(IConditionedStatus? status) =>
        status?.Conditions is { } conditions
            ? string.Join("; ", conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"))
            : "no status";
}

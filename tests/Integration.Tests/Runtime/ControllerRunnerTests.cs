using System.Collections.Concurrent;
using Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.Runtime;

/// <summary>
/// The controller runtime against a real API server, including a test for each failure seen in
/// operators built on other runtimes: lost requeues, missing back-off, concurrent passes over one
/// object, finalizers re-added on every event, status written when nothing changed.
/// </summary>
public sealed class ControllerRunnerTests(KubernetesFixture cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_new_object_gets_the_finalizer_once_and_its_status_from_the_reconcile()
    {
        var (ct, ns) = await PrepareAsync();
        await using var running = RunningController.Start(cluster.Client, ns, new DelegateController(w =>
        {
            SetReady(w);
            return Task.FromResult(ReconcileResult.Done);
        }));

        await running.Client.CreateAsync(WidgetCrd.New(ns, "w1", size: 3), ct);

        await Eventually.AssertAsync(async () =>
        {
            var stored = await running.Client.GetAsync(ns, "w1", ct);
            Assert.Equal(3, stored!.Status.ObservedSize);
            Assert.Equal(["neevcloud.com/finalizer"], stored.Metadata.Finalizers);
            var ready = Conditions.Find(stored.Status.Conditions, ConditionTypes.Ready)!;
            Assert.Equal(("True", 1L), (ready.Status, ready.ObservedGeneration));
        }, Timeout, ct);
    }

    [Fact]
    public async Task Status_is_not_written_again_when_nothing_changed()
    {
        var (ct, ns) = await PrepareAsync();
        await using var running = RunningController.Start(cluster.Client, ns, new DelegateController(w =>
        {
            SetReady(w);
            return Task.FromResult(ReconcileResult.After(TimeSpan.FromMilliseconds(100)));
        }));
        await running.Client.CreateAsync(WidgetCrd.New(ns, "w2", size: 1), ct);
        await Eventually.AssertAsync(async () => Assert.Equal(1, (await running.Client.GetAsync(ns, "w2", ct))!.Status.ObservedSize), Timeout, ct);
        var settled = (await running.Client.GetAsync(ns, "w2", ct))!.Metadata.ResourceVersion;
        var passes = running.ReconcilesOf("w2");

        await Eventually.AssertAsync(() => Assert.True(running.ReconcilesOf("w2") >= passes + 10), Timeout, ct);

        Assert.Equal(settled, (await running.Client.GetAsync(ns, "w2", ct))!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_requeue_requested_in_a_pass_that_wrote_status_is_not_lost()
    {
        var (ct, ns) = await PrepareAsync();
        await using var running = RunningController.Start(cluster.Client, ns, new DelegateController(w =>
        {
            w.Status.ObservedSize = (w.Status.ObservedSize ?? 0) + 1;
            return Task.FromResult(ReconcileResult.After(TimeSpan.FromMilliseconds(50)));
        }));

        await running.Client.CreateAsync(WidgetCrd.New(ns, "w3", size: 1), ct);

        await Eventually.AssertAsync(async () => Assert.True((await running.Client.GetAsync(ns, "w3", ct))!.Status.ObservedSize >= 5), Timeout, ct);
    }

    [Fact]
    public async Task A_failing_object_backs_off_instead_of_hot_looping()
    {
        var (ct, ns) = await PrepareAsync();
        await using var running = RunningController.Start(cluster.Client, ns, new DelegateController(
            _ => throw new InvalidOperationException("the cloud is down")));
        await running.Client.CreateAsync(WidgetCrd.New(ns, "w4", size: 1), ct);
        await Eventually.AssertAsync(() => Assert.True(running.ReconcilesOf("w4") >= 1), Timeout, ct);

        await Task.Delay(TimeSpan.FromSeconds(3), ct);

        // 200 ms doubling: about 4 retries in 3 s; a hot loop would make hundreds.
        Assert.InRange(running.ReconcilesOf("w4"), 2, 7);
        Assert.True(running.Runner.Queue.Failures($"{ns}/w4") >= 2);
    }

    [Fact]
    public async Task One_object_is_never_reconciled_by_two_workers_at_once()
    {
        var (ct, ns) = await PrepareAsync();
        var inFlight = new ConcurrentDictionary<string, int>();
        var overlaps = 0;
        await using var running = RunningController.Start(cluster.Client, ns, new DelegateController(async w =>
        {
            if (inFlight.AddOrUpdate(w.Metadata.Name, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Delay(20);
            inFlight.AddOrUpdate(w.Metadata.Name, 0, (_, n) => n - 1);
            return ReconcileResult.Done;
        }), workers: 8);
        await running.Client.CreateAsync(WidgetCrd.New(ns, "w5", size: 0), ct);

        for (var size = 1; size <= 30; size++)
        {
            await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch($"{{\"spec\":{{\"size\":{size}}}}}", V1Patch.PatchType.MergePatch),
                "runtime.neev.test", "v1", ns, "widgets", "w5", cancellationToken: ct);
        }

        await Eventually.AssertAsync(() => Assert.True(running.Runner.Queue.Depth == 0 && inFlight.Values.All(v => v == 0)), Timeout, ct);
        Assert.Equal(0, overlaps);
        Assert.InRange(running.ReconcilesOf("w5"), 2, 31);
    }

    [Fact]
    public async Task A_deleted_object_stays_until_its_finalizer_completes_and_is_then_gone()
    {
        var (ct, ns) = await PrepareAsync();
        var finalizeCalls = 0;
        var release = false;
        await using var running = RunningController.Start(cluster.Client, ns, new DelegateController(
            w =>
            {
                SetReady(w);
                return Task.FromResult(ReconcileResult.Done);
            },
            w =>
            {
                Interlocked.Increment(ref finalizeCalls);
                Conditions.Apply(w.Status, Readiness.InProgress("Deleting", "waiting for the cloud"), w.Metadata.Generation, DateTimeOffset.UtcNow);
                return Task.FromResult(Volatile.Read(ref release) ? FinalizeResult.Done : FinalizeResult.Retry(TimeSpan.FromMilliseconds(100)));
            }));
        await running.Client.CreateAsync(WidgetCrd.New(ns, "w6", size: 1), ct);
        await Eventually.AssertAsync(async () => Assert.NotNull((await running.Client.GetAsync(ns, "w6", ct))!.Metadata.Finalizers), Timeout, ct);

        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("runtime.neev.test", "v1", ns, "widgets", "w6", cancellationToken: ct);

        await Eventually.AssertAsync(() => Assert.True(Volatile.Read(ref finalizeCalls) >= 3), Timeout, ct);
        var held = await running.Client.GetAsync(ns, "w6", ct);
        Assert.NotNull(held!.Metadata.DeletionTimestamp);
        Assert.Equal("Deleting", Conditions.Find(held.Status.Conditions, ConditionTypes.Reconciling)!.Reason);

        Volatile.Write(ref release, true);
        await Eventually.AssertAsync(async () => Assert.Null(await running.Client.GetAsync(ns, "w6", ct)), Timeout, ct);
    }

    private static void SetReady(Widget widget)
    {
        widget.Status.ObservedSize = widget.Spec.Size;
        Conditions.Apply(widget.Status, Readiness.IsReady("Observed"), widget.Metadata.Generation, DateTimeOffset.UtcNow);
    }

    private async Task<(CancellationToken, string)> PrepareAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await cluster.ApplyCrdsAsync([WidgetCrd.Definition], ct);
        return (ct, await cluster.CreateNamespaceAsync("runtime", ct));
    }
}

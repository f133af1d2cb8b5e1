using NeevCloud.Crds;
using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Deletion;
using NeevCloud.Operator.Runtime.Managed;

namespace Operator.Tests.Runtime.Managed;

/// <summary>
/// What stands between a deletion in Kubernetes and a deletion in the cloud: deletion protection, an uninstall
/// (the kind's CustomResourceDefinition going), and the mass-deletion breaker. Calls are counted, never waited for.
/// </summary>
public sealed class DeletionSafetyTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    // ----- deletion protection -----

    [Fact]
    public async Task A_protected_object_waits_terminating_without_any_cloud_call_and_says_how_to_go_on()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Spec.DeletionProtection = true));
        await life.PassAsync();

        var first = await life.FinalizeAsync();
        var second = await life.FinalizeAsync();

        Assert.False(first.Completed || second.Completed);
        Assert.Equal(["create"], life.Cloud.Calls);
        Assert.Equal(("False", "DeletionProtected", false, true), life.Verdict());
        Assert.Contains("set it to false", life.Condition(ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
        Assert.Contains("deletionPolicy: Orphan", life.Condition(ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
        Assert.Single(life.Events.Recorded, e => e is { Type: "Warning", Reason: "DeletionProtected" });
    }

    [Fact]
    public async Task Lifting_the_protection_lets_the_deletion_go_on()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Spec.DeletionProtection = true));
        await life.PassAsync();
        await life.FinalizeAsync();

        life.Object.Spec.DeletionProtection = false;
        life.Object.Metadata.Generation++;
        await life.FinalizeAsync();
        var done = await life.FinalizeAsync();

        Assert.True(done.Completed);
        Assert.Equal(1, life.Cloud.CountOf("delete"));
        Assert.Empty(life.Cloud.Resources);
    }

    [Fact]
    public async Task A_protected_object_set_to_orphan_goes_and_its_cloud_resource_stays()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Spec.DeletionProtection = true));
        await life.PassAsync();
        await life.FinalizeAsync();

        life.Object.Spec.DeletionPolicy = DeletionPolicy.Orphan;
        var result = await life.FinalizeAsync();

        Assert.True(result.Completed);
        Assert.Equal(0, life.Cloud.CountOf("delete"));
        Assert.Single(life.Cloud.Resources);
    }

    // ----- an uninstall: the kind's CustomResourceDefinition is being deleted -----

    private static readonly Dictionary<string, Action<Lifecycle>> Situations = new()
    {
        ["deletionPolicy Delete"] = _ => { },
        ["protected"] = life => life.Object.Spec.DeletionProtection = true,
        ["paused"] = life => life.Object.Metadata.Annotations![ManagedAnnotations.Paused] = "true",
        ["dependents left"] = life => life.Cloud.Blocking = Readiness.InProgress("DependentsExist", "VirtualMachine/web uses it"),
        ["deletion confirmed"] = life => life.Object.Metadata.Annotations![ManagedAnnotations.ConfirmDeletion] = "true",
    };

    public static TheoryData<string> WhateverTheObjectSays => [.. Situations.Keys];

    [Theory]
    [MemberData(nameof(WhateverTheObjectSays))]
    public async Task An_uninstall_releases_the_object_and_leaves_its_cloud_resource(string situation)
    {
        var life = new Lifecycle();
        await life.PassAsync();
        Situations[situation](life);
        life.Definitions.StartDeleting<Project>();

        var result = await life.FinalizeAsync();

        Assert.True(result.Completed, situation);
        Assert.Equal(["create"], life.Cloud.Calls);
        Assert.Single(life.Cloud.Resources);
        var warning = Assert.Single(life.Events.Recorded, e => e.Reason == "OrphanedByUninstall");
        Assert.Equal("Warning", warning.Type);
        Assert.Contains("cloud-1 is left in NeevCloud", warning.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_knowing_whether_it_is_an_uninstall_deletes_nothing_and_says_so()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Definitions.Failure = new FailureException(Failure.Retry("DefinitionUnreadable", "may not read it"));

        var result = await life.FinalizeAsync();

        Assert.True(result is { Completed: false, Failed: true });
        Assert.Equal(["create"], life.Cloud.Calls);
        Assert.Equal(("False", "DefinitionUnreadable", true, false), life.Verdict());
    }

    // ----- the mass-deletion breaker -----

    [Fact]
    public async Task A_burst_of_deletions_sends_only_the_limit_and_holds_the_rest_naming_the_way_out()
    {
        var life = new Lifecycle();
        var objects = await CreatedAsync(life, 14);

        var results = await FinalizeEachAsync(life, objects);

        Assert.Equal(10, life.Cloud.CountOf("delete"));
        var held = objects.Where(o => Reason(o) == "DeletionBreakerOpen").ToList();
        Assert.Equal(4, held.Count);
        Assert.All(results.Skip(10), r => Assert.Equal(Window, r.RetryAfter));
        var message = Conditions.Find(held[0].Status.Conditions, ConditionTypes.Reconciling)!.Message;
        Assert.Contains("more than 10 cloud deletions were asked for within 5 min (10 started)", message, StringComparison.Ordinal);
        Assert.Contains($"{ManagedAnnotations.ConfirmDeletion}=true", message, StringComparison.Ordinal);
        Assert.Equal(4, life.Events.Recorded.Count(e => e is { Type: "Warning", Reason: "DeletionBreakerOpen" }));
    }

    [Fact]
    public async Task Objects_let_through_finish_their_deletion_and_are_not_counted_twice()
    {
        var life = new Lifecycle();
        var objects = await CreatedAsync(life, 11);
        await FinalizeEachAsync(life, objects.Take(10));

        // Their second pass sees the cloud resource gone and completes; it is no new deletion.
        var second = await FinalizeEachAsync(life, objects.Take(10));
        var eleventh = await FinalizeEachAsync(life, objects.Skip(10));

        Assert.All(second, r => Assert.True(r.Completed));
        Assert.Equal("DeletionBreakerOpen", Reason(objects[10]));
        Assert.False(eleventh[0].Completed);
    }

    [Fact]
    public async Task A_confirmed_object_goes_through_while_the_breaker_holds_the_others()
    {
        var life = new Lifecycle();
        var objects = await CreatedAsync(life, 12);
        await FinalizeEachAsync(life, objects);

        objects[11].Metadata.Annotations![ManagedAnnotations.ConfirmDeletion] = "true";
        await FinalizeEachAsync(life, objects.Skip(10));

        Assert.Equal(11, life.Cloud.CountOf("delete"));
        Assert.Equal("DeletionBreakerOpen", Reason(objects[10]));
        Assert.Equal("Deleting", Reason(objects[11]));
    }

    [Fact]
    public async Task The_hold_lifts_once_the_window_passed_without_new_deletions_asked_for()
    {
        var life = new Lifecycle();
        var objects = await CreatedAsync(life, 13);
        await FinalizeEachAsync(life, objects.Take(11));

        // Another deletion asked for a minute later keeps the breaker open a whole window from then.
        life.Time.Advance(TimeSpan.FromMinutes(1));
        var late = await FinalizeEachAsync(life, objects.Skip(11).Take(1));
        Assert.Equal(Window, late[0].RetryAfter);

        life.Time.Advance(Window - TimeSpan.FromSeconds(1));
        await FinalizeEachAsync(life, objects.Skip(10).Take(2));
        Assert.Equal(10, life.Cloud.CountOf("delete"));

        life.Time.Advance(TimeSpan.FromSeconds(1));
        await FinalizeEachAsync(life, objects.Skip(10));
        Assert.Equal(13, life.Cloud.CountOf("delete"));
    }

    [Fact]
    public async Task A_new_replica_keeps_holding_what_the_old_one_held()
    {
        var life = new Lifecycle();
        var objects = await CreatedAsync(life, 11);
        await FinalizeEachAsync(life, objects);

        life.Restart();
        var again = await FinalizeEachAsync(life, objects.Skip(10));

        Assert.Equal(10, life.Cloud.CountOf("delete"));
        Assert.Equal(Window, again[0].RetryAfter);
        Assert.Equal("DeletionBreakerOpen", Reason(objects[10]));
    }

    [Fact]
    public async Task Orphaning_deletions_never_count_nor_wait()
    {
        var life = new Lifecycle();
        var objects = await CreatedAsync(life, 14, p => p.Spec.DeletionPolicy = DeletionPolicy.Orphan);

        var results = await FinalizeEachAsync(life, objects);

        Assert.All(results, r => Assert.True(r.Completed));
        Assert.Equal(0, life.Cloud.CountOf("delete"));
    }

    [Fact]
    public async Task A_limit_of_zero_turns_the_breaker_off()
    {
        var life = new Lifecycle(breaker: new DeletionBreakerOptions { MaxDeletes = 0, Window = Window });
        var objects = await CreatedAsync(life, 14);

        await FinalizeEachAsync(life, objects);

        Assert.Equal(14, life.Cloud.CountOf("delete"));
    }

    // ----- what alerts see -----

    [Fact]
    public async Task A_stalled_object_shows_in_the_stalled_gauge_until_it_is_gone()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Spec.DeletionProtection = true));
        await life.PassAsync();
        await life.FinalizeAsync();
        Assert.Contains("neevcloud_resource_stalled{kind=\"Project\",namespace=\"ml\",name=\"team\",reason=\"DeletionProtected\"} 1", await MetricsAsync(life), StringComparison.Ordinal);

        life.Object.Spec.DeletionPolicy = DeletionPolicy.Orphan;
        Assert.True((await life.FinalizeAsync()).Completed);
        Assert.DoesNotContain("reason=\"DeletionProtected\"", await MetricsAsync(life), StringComparison.Ordinal);
    }

    private static async Task<string> MetricsAsync(Lifecycle life)
    {
        using var stream = new MemoryStream();
        await life.MetricsRegistry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string? Reason(Project project) => Conditions.Find(project.Status.Conditions, ConditionTypes.Ready)?.Reason;

    private static async Task<List<Project>> CreatedAsync(Lifecycle life, int count, Action<Project>? change = null)
    {
        var created = new List<Project>();
        for (var i = 1; i <= count; i++)
        {
            life.Object = Lifecycle.New(p =>
            {
                (p.Metadata.Name, p.Metadata.Uid) = ($"team-{i}", $"uid-{i}");
                change?.Invoke(p);
            });
            await life.PassAsync();
            created.Add(life.Object);
        }

        return created;
    }

    private static async Task<List<FinalizeResult>> FinalizeEachAsync(Lifecycle life, IEnumerable<Project> objects)
    {
        var results = new List<FinalizeResult>();
        foreach (var project in objects)
        {
            life.Object = project;
            results.Add(await life.FinalizeAsync());
        }

        return results;
    }
}

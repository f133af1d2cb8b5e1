using NeevCloud.Crds;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;

namespace Operator.Tests.Runtime.Managed;

/// <summary>
/// The shared lifecycle, branch by branch, in memory: a fake cloud that counts its calls, a fake clock, and
/// the operator's own failure table. Regression tests of the defects the lifecycle was written to fix are
/// named after what the user saw.
/// </summary>
public sealed class ManagedReconcilerTests
{
    private static readonly TimeSpan Grace = Lifecycle.Options.CreateGracePeriod;

    // ----- creating -----

    [Fact]
    public async Task A_new_object_records_its_intent_before_the_create_and_its_id_after()
    {
        var life = new Lifecycle();

        var result = await life.PassAsync();

        Assert.Equal(["create"], life.Cloud.Calls);
        Assert.Equal([life.Time.GetUtcNow().AddTicks(-(life.Time.GetUtcNow().UtcTicks % TimeSpan.TicksPerSecond))], life.Cloud.IntentSeenByCreate);
        Assert.Equal("cloud-1", life.ExternalIdAnnotation);
        Assert.Null(life.IntentAnnotation);
        Assert.Equal(("True", "Available", false, false), life.Verdict());
        Assert.Equal(ReconcileResult.After(Lifecycle.Refresh.Stable), result);
    }

    [Fact]
    public async Task The_finalizer_comes_with_the_intent_in_one_write_before_the_create()
    {
        var life = new Lifecycle();

        await life.PassAsync();

        Assert.Equal([[ControllerOptions.DefaultFinalizer]], life.Cloud.FinalizersSeenByCreate);
        Assert.Equal(1, life.Writer.FinalizerWrites);
        Assert.Equal(2, life.Writer.Patches.Count); // the intent (carrying the finalizer), then the id
        Assert.Contains(ManagedAnnotations.CreatePending, life.Writer.Patches[0].Keys);
    }

    [Theory]
    [InlineData("paused")]
    [InlineData("waiting")]
    [InlineData("fenced")]
    public async Task An_object_that_names_nothing_and_creates_nothing_gets_no_finalizer(string why)
    {
        var life = new Lifecycle();
        switch (why)
        {
            case "paused":
                life.Object.Metadata.Annotations = new Dictionary<string, string> { [ManagedAnnotations.Paused] = "true" };
                break;
            case "waiting":
                life.Cloud.Waiting = Readiness.InProgress("WaitingForProject", "Project ml/team is not Ready");
                break;
            default:
                life.Restart(WriteFence.ClosedUntilGranted(life.Time));
                break;
        }

        await life.PassAsync();

        // Nothing in the cloud can be its own, so a deletion need not wait for the operator.
        Assert.Null(life.Object.Metadata.Finalizers);
        Assert.Equal(0, life.Writer.FinalizerWrites);
    }

    [Theory]
    [InlineData("adopted by spec")]
    [InlineData("recorded id, finalizer removed")]
    [InlineData("paused with a recorded id")]
    public async Task An_object_that_names_a_cloud_resource_gets_the_finalizer_before_anything_else(string how)
    {
        var life = new Lifecycle(Lifecycle.New(p =>
        {
            if (how == "adopted by spec")
            {
                p.Spec.ProjectId = "cloud-9";
            }
            else
            {
                p.Metadata.Annotations = new Dictionary<string, string> { [ManagedAnnotations.ExternalId] = "cloud-9" };
            }

            if (how.StartsWith("paused", StringComparison.Ordinal))
            {
                p.Metadata.Annotations![ManagedAnnotations.Paused] = "true";
            }
        }));
        life.Cloud.Resources["cloud-9"] = life.Time.GetUtcNow();

        await life.PassAsync();
        await life.PassAsync();

        Assert.Equal([ControllerOptions.DefaultFinalizer], life.Object.Metadata.Finalizers);
        Assert.Equal(1, life.Writer.FinalizerWrites);
        Assert.Empty(life.Cloud.FinalizersSeenByCreate);
    }

    [Fact]
    public async Task A_known_object_is_observed_and_never_created_again()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Restart();

        await life.PassAsync();
        await life.PassAsync();

        Assert.Equal(["create", "observe", "observe"], life.Cloud.Calls);
        Assert.All(life.Cloud.Lookups, lookup => Assert.Equal(ExternalLookup.ById("cloud-1"), lookup));
    }

    [Fact]
    public async Task An_intent_that_cannot_be_written_because_the_object_changed_creates_nothing()
    {
        var life = new Lifecycle();
        life.Writer.ConflictNext = true;

        var result = await life.PassAsync();

        Assert.Empty(life.Cloud.Calls);
        Assert.Equal(ReconcileResult.After(TimeSpan.Zero), result);
    }

    [Fact]
    public async Task A_replica_that_may_not_write_records_no_intent_and_creates_nothing()
    {
        var life = new Lifecycle();
        life.Restart(WriteFence.ClosedUntilGranted(life.Time));

        var result = await life.PassAsync();

        Assert.Empty(life.Cloud.Calls);
        Assert.Empty(life.Writer.Patches);
        Assert.Equal(ReconcileResult.After(Lifecycle.Refresh.Blocked), result);
    }

    [Fact]
    public async Task An_expired_lease_grant_closes_the_fence_without_any_event()
    {
        var life = new Lifecycle();
        var fence = WriteFence.ClosedUntilGranted(life.Time);
        fence.Grant(life.Time.GetUtcNow() + TimeSpan.FromSeconds(10));
        life.Restart(fence);
        life.Time.Advance(TimeSpan.FromSeconds(11));

        await life.PassAsync();

        Assert.Empty(life.Cloud.Calls);
    }

    [Fact]
    public async Task Waiting_for_a_prerequisite_is_reported_without_any_cloud_call()
    {
        var life = new Lifecycle();
        life.Cloud.Waiting = Readiness.InProgress("WaitingForProject", "Project ml/team is not Ready");

        var result = await life.PassAsync();

        Assert.Empty(life.Cloud.Calls);
        Assert.Equal(("False", "WaitingForProject", true, false), life.Verdict());
        Assert.Equal(ReconcileResult.After(Lifecycle.Refresh.Blocked), result);
    }

    // Defect 7: a create whose request timed out was treated as failed and POSTed again while the cloud committed it.
    [Fact]
    public async Task A_create_whose_answer_was_lost_is_not_sent_again_within_the_grace_period_and_a_late_commit_is_adopted()
    {
        var life = new Lifecycle();
        life.Cloud.CreateCommitsDespiteFailure = true;
        life.Cloud.CommitOnlyLater = true;
        life.Cloud.Fail("create", new TaskCanceledException("the request timed out"));

        var first = await life.PassAsync();
        Assert.Equal(("False", "CreateOutcomeUnknown", true, false), life.Verdict());
        Assert.NotNull(life.IntentAnnotation);
        Assert.Equal(ReconcileResult.After(Lifecycle.Options.LookupInterval), first);

        for (var i = 0; i < 5; i++)
        {
            life.Time.Advance(Lifecycle.Options.LookupInterval);
            await life.PassAsync();
        }

        Assert.Equal(1, life.Cloud.CountOf("create"));
        Assert.Equal("CreateOutcomeUnknown", life.Condition(ConditionTypes.Reconciling)?.Reason);

        var late = life.Cloud.CommitLate();
        life.Time.Advance(Lifecycle.Options.LookupInterval);
        await life.PassAsync();

        Assert.Equal(1, life.Cloud.CountOf("create"));
        Assert.Equal(late, life.ExternalIdAnnotation);
        Assert.Equal(("True", "Available", false, false), life.Verdict());
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_sent_again_once_a_look_up_after_the_grace_period_finds_nothing()
    {
        var life = new Lifecycle();
        life.Cloud.Fail("create", Lifecycle.CloudError(CloudErrorKind.Transient));
        await life.PassAsync();

        life.Time.Advance(Grace - TimeSpan.FromSeconds(1));
        await life.PassAsync();
        Assert.Equal(1, life.Cloud.CountOf("create"));

        life.Time.Advance(TimeSpan.FromSeconds(1));
        await life.PassAsync();

        Assert.Equal(2, life.Cloud.CountOf("create"));
        var lastLookup = life.Cloud.Lookups[^1];
        Assert.True(lastLookup.ListedAfter >= life.Time.GetUtcNow(), "the look-up that allowed the second create started after the grace period");
        Assert.Equal(("True", "Available", false, false), life.Verdict());
    }

    [Fact]
    public async Task The_look_up_of_a_lost_create_reaches_back_by_the_clock_skew()
    {
        var life = new Lifecycle();
        life.Cloud.Fail("create", Lifecycle.CloudError(CloudErrorKind.Transient));
        await life.PassAsync();
        var intent = life.IntentAnnotation!.Value;

        await life.PassAsync();

        Assert.Equal(intent - Lifecycle.Options.ClockSkew, life.Cloud.Lookups[^1].CreatedSince);
    }

    // Defect 7 (at a handover): the intent survives a restart, and the new replica waits it out too.
    [Fact]
    public async Task A_new_leader_does_not_create_again_what_the_old_one_may_have_created()
    {
        var life = new Lifecycle();
        life.Cloud.Fail("create", new HttpRequestException("connection reset"));
        await life.PassAsync();
        life.Restart();

        life.Time.Advance(TimeSpan.FromMinutes(1));
        await life.PassAsync();

        Assert.Equal(1, life.Cloud.CountOf("create"));
        Assert.Equal("CreateOutcomeUnknown", life.Condition(ConditionTypes.Reconciling)?.Reason);
    }

    // Defect 8: the cloud id lived only in status, so a status lost (restore from backup) meant a second resource.
    [Fact]
    public async Task An_object_whose_status_was_lost_finds_its_resource_by_the_annotation()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Object.Status = new();
        life.Restart();

        await life.PassAsync();

        Assert.Equal(1, life.Cloud.CountOf("create"));
        Assert.Equal(ExternalLookup.ById("cloud-1"), life.Cloud.Lookups[^1]);
        Assert.Single(life.Cloud.Resources);
    }

    [Fact]
    public async Task An_id_recorded_only_in_status_by_an_older_version_is_written_to_the_annotation()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Status.ProjectId = "cloud-7"));
        life.Cloud.Resources["cloud-7"] = life.Time.GetUtcNow();

        await life.PassAsync();

        Assert.Equal("cloud-7", life.ExternalIdAnnotation);
        Assert.DoesNotContain("create", life.Cloud.Calls);
    }

    [Fact]
    public async Task A_spec_that_names_another_id_than_the_one_managed_stalls_without_any_cloud_call()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Object.Spec.ProjectId = "someone-elses";
        life.Object.Metadata.Generation = 2;

        await life.PassAsync();

        Assert.Equal(["create"], life.Cloud.Calls);
        Assert.Equal(("False", "ExternalIdMismatch", false, true), life.Verdict());
        Assert.Contains(life.Events.Recorded, e => e is ("Warning", "ExternalIdMismatch", _));
    }

    [Fact]
    public async Task A_resource_deleted_outside_the_operator_is_reported_and_not_recreated()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Cloud.Resources.Clear();

        await life.PassAsync();
        life.Time.Advance(Lifecycle.Refresh.Stable);
        await life.PassAsync();

        Assert.Equal(1, life.Cloud.CountOf("create"));
        Assert.Equal(("False", "DeletedOutOfBand", false, true), life.Verdict());
    }

    [Fact]
    public async Task A_resource_that_differs_from_the_spec_gets_one_update_step()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Cloud.UpToDate = false;

        await life.PassAsync();

        Assert.Equal(["create", "observe", "update"], life.Cloud.Calls);
        Assert.Equal(("True", "Available", false, false), life.Verdict());
    }

    // ----- the failure table, in reconcile -----

    public static TheoryData<string, Exception, string, bool, bool> ReconcileFailures() => new()
    {
        // call, what it threw, reason, stalled, retried with back-off
        { "observe", Lifecycle.CloudError(CloudErrorKind.Transient, "getProject"), "CloudUnavailable", false, true },
        { "observe", new HttpRequestException("connection refused"), "InternalError", false, true },
        { "observe", Lifecycle.CloudError(CloudErrorKind.Unauthorized, "getProject"), "Unauthorized", true, false },
        { "observe", Lifecycle.CloudError(CloudErrorKind.Forbidden, "getProject"), "Forbidden", true, false },
        { "observe", Lifecycle.CloudError(CloudErrorKind.RateLimited, "getProject", retryAfter: TimeSpan.FromSeconds(30)), "RateLimited", false, true },
        { "update", Lifecycle.CloudError(CloudErrorKind.Validation, "updateProject"), "InvalidSpec", true, false },
        { "update", Lifecycle.CloudError(CloudErrorKind.Validation, "startVM"), "ActionRefused", false, true },
        { "update", Lifecycle.CloudError(CloudErrorKind.Validation, "restartVM"), "ActionRefused", false, true },
        { "observe", new FailureException(Failure.Stall("OrganizationNotFound", "organization org-x does not exist")), "OrganizationNotFound", true, false },
    };

    [Theory]
    [MemberData(nameof(ReconcileFailures))]
    public async Task Every_failure_of_a_known_object_names_itself_in_the_conditions(string call, Exception thrown, string reason, bool stalled, bool backoff)
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Cloud.UpToDate = call != "update";
        life.Cloud.Fail(call, thrown);

        var result = await life.PassAsync();

        var verdict = life.Verdict();
        Assert.Equal((reason, stalled, !stalled), (stalled ? life.Condition(ConditionTypes.Stalled)?.Reason : life.Condition(ConditionTypes.Reconciling)?.Reason, verdict.Stalled, verdict.Reconciling));
        Assert.Equal(backoff, result.Failed);
        Assert.False(string.IsNullOrEmpty(life.Condition(stalled ? ConditionTypes.Stalled : ConditionTypes.Reconciling)?.Message));
    }

    // Defect 4: a 429's Retry-After beyond the client's cap was retried after 200 ms, 400 ms, ...
    [Fact]
    public async Task A_rate_limited_create_is_requeued_no_sooner_than_retry_after_and_creates_nothing()
    {
        var life = new Lifecycle();
        life.Cloud.Fail("create", Lifecycle.CloudError(CloudErrorKind.RateLimited, retryAfter: TimeSpan.FromSeconds(90)));

        var result = await life.PassAsync();

        Assert.Equal(ReconcileResult.Backoff(TimeSpan.FromSeconds(90)), result);
        Assert.Equal("RateLimited", life.Condition(ConditionTypes.Reconciling)?.Reason);
        Assert.Null(life.IntentAnnotation);
        Assert.Empty(life.Cloud.Resources);
    }

    // Defect 6: InvalidSpec was Done for good, even for a refusal that goes away.
    [Fact]
    public async Task A_refused_create_stalls_is_held_against_other_events_and_is_tried_again_after_the_stable_interval()
    {
        var life = new Lifecycle();
        life.Cloud.Fail("create", Lifecycle.CloudError(CloudErrorKind.Validation));

        var result = await life.PassAsync();
        Assert.Equal(("False", "InvalidSpec", false, true), life.Verdict());
        Assert.Contains("the server says no", life.Condition(ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
        Assert.Null(life.IntentAnnotation);
        Assert.Equal(ReconcileResult.After(Lifecycle.Refresh.Stable), result);
        Assert.Single(life.Events.Recorded);

        // Passes brought by other events (a status write, a dependent) do not send it again.
        for (var i = 0; i < 10; i++)
        {
            life.Time.Advance(TimeSpan.FromSeconds(20));
            await life.PassAsync();
        }

        Assert.Equal(1, life.Cloud.CountOf("create"));

        life.Time.Advance(Lifecycle.Refresh.Stable);
        await life.PassAsync();

        Assert.Equal(2, life.Cloud.CountOf("create"));
        Assert.Equal(("True", "Available", false, false), life.Verdict());
    }

    [Fact]
    public async Task A_refused_create_is_tried_again_at_once_when_the_spec_changes()
    {
        var life = new Lifecycle();
        life.Cloud.Fail("create", Lifecycle.CloudError(CloudErrorKind.Validation));
        await life.PassAsync();

        life.Object.Spec.Description = "fixed";
        life.Object.Metadata.Generation = 2;
        await life.PassAsync();

        Assert.Equal(2, life.Cloud.CountOf("create"));
        Assert.Equal(("True", "Available", false, false), life.Verdict());
    }

    [Fact]
    public async Task A_stall_records_one_event_however_often_it_is_seen_again()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Cloud.Resources.Clear();

        for (var i = 0; i < 3; i++)
        {
            life.Time.Advance(Lifecycle.Refresh.Stable);
            await life.PassAsync();
        }

        Assert.Single(life.Events.Recorded, e => e.Reason == "DeletedOutOfBand");
    }

    // ----- pause -----

    // Defect 10 (last part): paused objects said nothing in status.
    [Fact]
    public async Task A_paused_object_says_so_and_makes_no_cloud_call_until_resumed()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Metadata.Annotations = new Dictionary<string, string> { [ManagedAnnotations.Paused] = "true" }));

        Assert.Equal(ReconcileResult.Done, await life.PassAsync());
        Assert.Empty(life.Cloud.Calls);
        Assert.Equal("True", life.Condition(ConditionTypes.Paused)?.Status);
        Assert.Contains("remove the annotation", life.Condition(ConditionTypes.Paused)!.Message, StringComparison.Ordinal);

        life.Object.Metadata.Annotations.Remove(ManagedAnnotations.Paused);
        await life.PassAsync();

        Assert.Null(life.Condition(ConditionTypes.Paused));
        Assert.Equal(["create"], life.Cloud.Calls);
    }

    [Fact]
    public async Task A_paused_object_being_deleted_waits_without_any_cloud_call()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Object.Metadata.Annotations![ManagedAnnotations.Paused] = "true";

        var result = await life.FinalizeAsync();

        Assert.False(result.Completed);
        Assert.Equal(["create"], life.Cloud.Calls);
        Assert.Equal("True", life.Condition(ConditionTypes.Paused)?.Status);
    }

    // ----- replacing -----

    [Fact]
    public async Task A_retired_resources_successor_is_created_intent_first_the_intent_replacing_the_old_id_in_one_write()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Cloud.Retired.Add("cloud-1");
        life.Writer.Patches.Clear();

        await life.PassAsync();

        Assert.Equal(["create", "observe", "create"], life.Cloud.Calls);
        var intent = life.Writer.Patches[0];
        Assert.Null(intent[ManagedAnnotations.ExternalId]);
        Assert.NotNull(intent[ManagedAnnotations.CreatePending]);
        Assert.Equal("cloud-2", life.ExternalIdAnnotation);
    }

    [Fact]
    public async Task A_replica_that_may_not_write_creates_no_successor_and_keeps_the_old_id()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Cloud.Retired.Add("cloud-1");
        life.Restart(WriteFence.ClosedUntilGranted(life.Time));

        await life.PassAsync();

        Assert.Equal(["create", "observe"], life.Cloud.Calls);
        Assert.Equal("cloud-1", life.ExternalIdAnnotation);
        Assert.Null(life.IntentAnnotation);
    }

    [Fact]
    public async Task A_create_intent_outranks_an_id_only_status_still_holds()
    {
        // A replacement gave the old id up in metadata; the status write that forgets it never happened.
        var life = new Lifecycle();
        life.Object.Status.ProjectId = "cloud-old";
        life.Object.Metadata.Annotations = new Dictionary<string, string>
        {
            [ManagedAnnotations.CreatePending] = ManagedAnnotations.Format(life.Time.GetUtcNow()),
        };

        await life.PassAsync();

        Assert.Null(Assert.Single(life.Cloud.Lookups).ExternalId);
        Assert.NotEqual("cloud-old", life.ExternalIdAnnotation);
    }

    [Fact]
    public async Task Deleting_an_object_whose_resource_was_retired_deletes_nothing_more()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Cloud.Retired.Add("cloud-1");

        var result = await life.FinalizeAsync();

        Assert.True(result.Completed);
        Assert.Equal(["create", "observe", "afterDeleted"], life.Cloud.Calls);
    }

    // ----- deleting -----

    [Fact]
    public async Task Deleting_asks_the_cloud_once_and_completes_when_the_resource_is_gone()
    {
        var life = new Lifecycle();
        await life.PassAsync();

        var first = await life.FinalizeAsync();
        Assert.Equal((false, TimeSpan.FromSeconds(2)), (first.Completed, first.RetryAfter));
        Assert.Equal(("False", "Deleting", true, false), life.Verdict());

        var second = await life.FinalizeAsync();

        Assert.True(second.Completed);
        Assert.Equal(["create", "observe", "delete", "observe", "afterDeleted"], life.Cloud.Calls);
    }

    [Fact]
    public async Task Work_left_after_the_resource_went_holds_the_finalizer()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Cloud.Resources.Clear();
        life.Cloud.AfterDeleted = Readiness.InProgress("KeepingRootDisk", "recording the kept disk");

        var result = await life.FinalizeAsync();

        Assert.False(result.Completed);
        Assert.Equal("KeepingRootDisk", life.Condition(ConditionTypes.Reconciling)?.Reason);
    }

    [Fact]
    public async Task An_orphaned_object_is_released_without_any_cloud_call()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Spec.DeletionPolicy = DeletionPolicy.Orphan));
        await life.PassAsync();

        var result = await life.FinalizeAsync();

        Assert.True(result.Completed);
        Assert.Equal(["create"], life.Cloud.Calls);
        Assert.Single(life.Cloud.Resources);
    }

    // Defect 10: an Orphan Project was released while VMs and RootDisks still referenced it.
    [Fact]
    public async Task Dependents_hold_the_deletion_whatever_the_policy()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Spec.DeletionPolicy = DeletionPolicy.Orphan));
        await life.PassAsync();
        life.Cloud.Blocking = Readiness.InProgress("DependentsExist", "VirtualMachine/web still references it");

        var result = await life.FinalizeAsync();

        Assert.Equal(FinalizeResult.Retry(Lifecycle.Refresh.Blocked), result);
        Assert.Equal("DependentsExist", life.Condition(ConditionTypes.Reconciling)?.Reason);

        life.Cloud.Blocking = null;
        Assert.True((await life.FinalizeAsync()).Completed);
    }

    [Fact]
    public async Task An_object_never_created_is_released_without_any_cloud_call()
    {
        var life = new Lifecycle();
        life.Cloud.Waiting = Readiness.InProgress("WaitingForProject", "not yet");
        await life.PassAsync();

        Assert.True((await life.FinalizeAsync()).Completed);
        Assert.Empty(life.Cloud.Calls);
    }

    [Fact]
    public async Task A_replica_that_may_not_write_deletes_nothing()
    {
        var life = new Lifecycle();
        await life.PassAsync();
        life.Restart(WriteFence.ClosedUntilGranted(life.Time));

        var result = await life.FinalizeAsync();

        Assert.False(result.Completed);
        Assert.Equal(0, life.Cloud.CountOf("delete"));
        Assert.Single(life.Cloud.Resources);
    }

    // Defect 2: a finalizer that met 5xx/401/400 left the last condition (often Ready=True) on a Terminating object.
    [Theory]
    [InlineData(CloudErrorKind.Transient, "CloudUnavailable", false)]
    [InlineData(CloudErrorKind.Unauthorized, "Unauthorized", true)]
    [InlineData(CloudErrorKind.Validation, "InvalidSpec", true)]
    [InlineData(CloudErrorKind.Forbidden, "Forbidden", true)]
    public async Task A_failing_deletion_is_never_left_looking_ready(CloudErrorKind kind, string reason, bool stalled)
    {
        var life = new Lifecycle();
        await life.PassAsync();
        Assert.Equal("True", life.Condition(ConditionTypes.Ready)?.Status);
        life.Cloud.Fail("delete", Lifecycle.CloudError(kind, "deleteProject"));

        var result = await life.FinalizeAsync();

        Assert.False(result.Completed);
        Assert.Equal(("False", reason), (life.Condition(ConditionTypes.Ready)?.Status, life.Condition(ConditionTypes.Ready)?.Reason));
        Assert.Equal(stalled, life.Verdict().Stalled);
        Assert.Equal(!stalled, result.Failed);
    }

    [Fact]
    public async Task A_deletion_with_a_create_of_unknown_outcome_waits_out_the_grace_period_before_letting_go()
    {
        var life = new Lifecycle();
        life.Cloud.Fail("create", Lifecycle.CloudError(CloudErrorKind.Transient));
        await life.PassAsync();

        var waiting = await life.FinalizeAsync();
        Assert.False(waiting.Completed);
        Assert.Equal("CreateOutcomeUnknown", life.Condition(ConditionTypes.Reconciling)?.Reason);

        life.Time.Advance(Grace);
        Assert.True((await life.FinalizeAsync()).Completed);
        Assert.Equal(0, life.Cloud.CountOf("delete"));
    }

    [Fact]
    public async Task A_deletion_finds_and_deletes_what_a_lost_create_made()
    {
        var life = new Lifecycle();
        life.Cloud.CreateCommitsDespiteFailure = true;
        life.Cloud.Fail("create", Lifecycle.CloudError(CloudErrorKind.Transient));
        await life.PassAsync();

        await life.FinalizeAsync();

        Assert.Equal("cloud-1", life.ExternalIdAnnotation);
        Assert.Equal(1, life.Cloud.CountOf("delete"));
        Assert.Empty(life.Cloud.Resources);
    }

    // ----- adoption: management policy, effective deletion policy, one owner per cloud id -----

    [Fact]
    public async Task An_observe_only_object_looks_changes_nothing_and_is_released_without_a_cloud_call()
    {
        var life = new Lifecycle(Lifecycle.New(p =>
        {
            p.Spec.ProjectId = "cloud-9";
            p.Spec.ManagementPolicy = ManagementPolicy.ObserveOnly;
        }));
        life.Cloud.Resources["cloud-9"] = life.Time.GetUtcNow();
        life.Cloud.UpToDate = false;

        await life.PassAsync();
        Assert.Equal(("True", "ObservedOnly", false, false), life.Verdict());
        Assert.Equal(["observe"], life.Cloud.Calls);

        Assert.True((await life.FinalizeAsync()).Completed);
        Assert.Equal(["observe"], life.Cloud.Calls);
        Assert.Single(life.Cloud.Resources);
    }

    [Fact]
    public async Task An_observe_only_object_without_a_cloud_id_creates_nothing()
    {
        var life = new Lifecycle(Lifecycle.New(p => p.Spec.ManagementPolicy = ManagementPolicy.ObserveOnly));

        await life.PassAsync();

        Assert.Empty(life.Cloud.Calls);
        Assert.Equal(("False", "ObserveOnlyNeedsId", false, true), life.Verdict());
    }

    [Fact]
    public async Task Switching_to_manage_takes_control_without_recreating()
    {
        var life = new Lifecycle(Lifecycle.New(p =>
        {
            p.Spec.ProjectId = "cloud-9";
            p.Spec.ManagementPolicy = ManagementPolicy.ObserveOnly;
        }));
        life.Cloud.Resources["cloud-9"] = life.Time.GetUtcNow();
        life.Cloud.UpToDate = false;
        await life.PassAsync();

        life.Object.Spec.ManagementPolicy = ManagementPolicy.Manage;
        life.Object.Metadata.Generation = 2;
        await life.PassAsync();

        Assert.Equal(["observe", "observe", "update"], life.Cloud.Calls);
        Assert.Equal(("True", "Available", false, false), life.Verdict());
    }

    public static TheoryData<string?, DeletionPolicy?, DeletionPolicy, bool> DeletionPolicies() => new()
    {
        // adopted id, spec.deletionPolicy, in effect, cloud resource deleted
        { null, null, DeletionPolicy.Delete, true },
        { "cloud-9", null, DeletionPolicy.Orphan, false },
        { "cloud-9", DeletionPolicy.Delete, DeletionPolicy.Delete, true },
        { null, DeletionPolicy.Orphan, DeletionPolicy.Orphan, false },
    };

    [Theory]
    [MemberData(nameof(DeletionPolicies))]
    public async Task Adopted_resources_are_orphaned_and_created_ones_deleted_unless_the_spec_says_otherwise(
        string? adopted, DeletionPolicy? asked, DeletionPolicy effective, bool deleted)
    {
        var life = new Lifecycle(Lifecycle.New(p =>
        {
            p.Spec.ProjectId = adopted;
            p.Spec.DeletionPolicy = asked;
        }));
        if (adopted is not null)
        {
            life.Cloud.Resources[adopted] = life.Time.GetUtcNow();
        }

        await life.PassAsync();
        Assert.Equal(effective, life.Object.Status.DeletionPolicy);
        await life.FinalizeAsync();

        Assert.Equal(deleted ? 1 : 0, life.Cloud.CountOf("delete"));
    }

    [Fact]
    public async Task A_second_resource_adopting_a_managed_cloud_id_is_refused_and_deletes_nothing()
    {
        var life = new Lifecycle(Lifecycle.New(p =>
        {
            p.Spec.ProjectId = "cloud-9";
            p.Spec.DeletionPolicy = DeletionPolicy.Delete;
            p.Metadata.CreationTimestamp = new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
        }));
        life.Cloud.Resources["cloud-9"] = life.Time.GetUtcNow();
        life.Others.Objects.Add(Lifecycle.New(p =>
        {
            p.Metadata.Name = "first";
            p.Metadata.Uid = "uid-first";
            p.Metadata.CreationTimestamp = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
            p.Metadata.Annotations = new Dictionary<string, string> { [ManagedAnnotations.ExternalId] = "cloud-9" };
        }));

        await life.PassAsync();

        Assert.Equal(("False", "AlreadyManaged", false, true), life.Verdict());
        Assert.Contains("ml/first", life.Condition(ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
        Assert.Empty(life.Cloud.Calls);
        Assert.True((await life.FinalizeAsync()).Completed);
        Assert.Empty(life.Cloud.Calls);
    }

    [Fact]
    public async Task The_first_owner_is_not_refused_by_a_later_adopter()
    {
        var life = new Lifecycle(Lifecycle.New(p =>
        {
            p.Spec.ProjectId = "cloud-9";
            p.Metadata.CreationTimestamp = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        }));
        life.Cloud.Resources["cloud-9"] = life.Time.GetUtcNow();
        life.Others.Objects.Add(Lifecycle.New(p =>
        {
            p.Metadata.Uid = "uid-later";
            p.Metadata.CreationTimestamp = new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
            p.Spec.ProjectId = "cloud-9";
        }));

        await life.PassAsync();

        Assert.Equal("True", life.Condition(ConditionTypes.Ready)?.Status);
    }

    [Fact]
    public async Task The_resource_already_acting_on_a_cloud_id_keeps_it_against_an_older_claim()
    {
        // Created in the same second (creationTimestamp has one-second resolution): what counts first is who acts.
        var life = new Lifecycle(Lifecycle.New(p =>
        {
            p.Spec.ProjectId = "cloud-9";
            p.Metadata.Uid = "uid-0";
            p.Metadata.CreationTimestamp = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        }));
        life.Cloud.Resources["cloud-9"] = life.Time.GetUtcNow();
        life.Others.Objects.Add(Lifecycle.New(p =>
        {
            p.Metadata.Name = "acting";
            p.Metadata.Uid = "uid-9";
            p.Metadata.CreationTimestamp = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
            p.Spec.ProjectId = "cloud-9";
            p.Metadata.Annotations = new Dictionary<string, string> { [ManagedAnnotations.ExternalId] = "cloud-9" };
        }));

        await life.PassAsync();

        Assert.Equal("AlreadyManaged", life.Condition(ConditionTypes.Stalled)?.Reason);
        Assert.Empty(life.Cloud.Calls);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeevCloud.Crds;
using NeevCloud.Operator.Runtime.Deletion;

namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// The lifecycle every NeevCloud resource shares, in one place (the shape of crossplane-runtime's managed
/// reconciler): pause, deletion policy, the create intent and the external id, leadership fencing, every
/// failure as a condition, and the requeue cadence. What differs between kinds is an
/// <see cref="IExternalClient{TEntity}"/>.
/// <para>
/// A pass reads like this: paused? say so and stop. Know the cloud id (annotation, spec, or an older
/// status)? Observe it; if it is gone say so (never recreate it silently); if it differs from the spec take one
/// step; report. Know nothing? Record the intent (guarded by the resourceVersion), create, record the id. A
/// create whose answer never came is neither failed nor done: the object is looked up, and created again only
/// once a look-up that started after <see cref="ManagedOptions.CreateGracePeriod"/> has not found it.
/// </para>
/// </summary>
public sealed partial class ManagedReconciler<TEntity>(
    IExternalClient<TEntity> external,
    IMetadataWriter<TEntity> writer,
    IEntityLister<TEntity> neighbours,
    IFailureClassifier failures,
    IEventRecorder events,
    WriteFence fence,
    IResourceDefinitions definitions,
    DeletionBreaker breaker,
    StalledResources stalledResources,
    IOptions<ManagedOptions> options,
    IOptions<RefreshOptions> refresh,
    TimeProvider time,
    ILogger<ManagedReconciler<TEntity>> logger) : IEntityController<TEntity>, IEntityFinalizer<TEntity>
    where TEntity : class, IManagedResource
{
    private const string DeletionBreakerOpen = "DeletionBreakerOpen";

    // Which objects name a cloud id (in metadata, spec or status): who else claims it is asked on every pass.
    private static readonly EntityIndex<TEntity> ByNamedId = new("named-cloud-id", Identity.NamedIds);

    private const string PausedMessage =
        "neevcloud.com/paused=true: the operator makes no cloud call for this object; remove the annotation to resume";

    // Stalled objects and when they may be tried again. Any event (a status write, a dependent's change) brings a
    // pass, and a refused create must not be sent again on each; only the retry time or a change the user made may.
    private readonly ConcurrentDictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    private ManagedOptions Options => options.Value;

    private RefreshOptions Refresh => refresh.Value;

    public async Task<ReconcileResult> ReconcileAsync(TEntity entity, CancellationToken cancellationToken)
    {
        var result = await ReconcileOnceAsync(entity, cancellationToken);
        stalledResources.Track(entity);
        return result;
    }

    private async Task<ReconcileResult> ReconcileOnceAsync(TEntity entity, CancellationToken cancellationToken)
    {
        var identity = Identity.Of(entity);
        if (identity.MayExist && !(entity.Metadata.Finalizers?.Contains(writer.Finalizer) ?? false))
        {
            // Something in the cloud may be this object's (adopted, or created with a finalizer since removed): its
            // deletion must come through here. An object that names nothing gets it with its create intent instead.
            try
            {
                await PatchAsync(entity, new(), cancellationToken);
            }
            catch (StaleObjectException)
            {
                return ReconcileResult.After(TimeSpan.Zero);
            }
        }

        if (ManagedAnnotations.IsPaused(entity.Metadata))
        {
            Conditions.SetPaused(entity.ManagedStatus, PausedMessage, entity.Metadata.Generation, time.GetUtcNow());
            return ReconcileResult.Done;
        }

        Conditions.Remove(entity.ManagedStatus, ConditionTypes.Paused);
        entity.ManagedStatus.DeletionPolicy = entity.DeletionPolicy;
        if (HeldFor(entity) is { } wait)
        {
            return ReconcileResult.After(wait);
        }

        if (identity.Conflict is { } conflict)
        {
            return await StallAsync(entity, Failure.Stall("ExternalIdMismatch", conflict), cancellationToken);
        }

        if (identity.Id is { } claimed && OwnerOf(entity, claimed) is { } owner)
        {
            return await StallAsync(entity, AlreadyManaged(claimed, owner), cancellationToken);
        }

        var observeOnly = entity.ManagementPolicy == ManagementPolicy.ObserveOnly;
        if (observeOnly && identity.Id is null)
        {
            return await StallAsync(entity, Failure.Stall(
                "ObserveOnlyNeedsId", "managementPolicy ObserveOnly needs the cloud id in the spec: the operator only looks at a resource it is told about"),
                cancellationToken);
        }

        if (external.WaitingFor(entity) is { } waiting)
        {
            Report(entity, waiting);
            return ReconcileResult.After(Refresh.Blocked);
        }

        var step = ManagedStep.Observe;
        try
        {
            if (identity.Id is null && identity.CreatePending is null)
            {
                step = ManagedStep.Create;
                return await CreateAsync(entity, cancellationToken);
            }

            if (identity.Id is { } known && identity.NeedsRecording)
            {
                // Adopted by spec, or recorded only in status by an earlier version: metadata is what survives.
                await PatchAsync(entity, new() { [ManagedAnnotations.ExternalId] = known, [ManagedAnnotations.CreatePending] = null }, cancellationToken);
            }

            var observed = await external.ObserveAsync(entity, identity.Lookup(time.GetUtcNow(), Options.ClockSkew), cancellationToken);
            if (identity.Id is not null && observed.Retired)
            {
                // Deleted on purpose by the kind, which recorded so first: the successor is created like any first
                // resource, its intent replacing the old id in one write.
                Report(entity, observed.Readiness!);
                step = ManagedStep.Create;
                return await CreateAsync(entity, cancellationToken);
            }

            if (identity.Id is null)
            {
                if (!observed.Exists)
                {
                    step = ManagedStep.Create;
                    return await CreateOutcomeUnknownAsync(entity, identity.CreatePending!.Value, cancellationToken);
                }

                await RecordCreatedAsync(entity, observed.ExternalId!, cancellationToken);
                LogFoundLostCreate(observed.ExternalId!);
            }
            else if (!observed.Exists)
            {
                return await StallAsync(entity, GoneFailure(observed, identity.Id), cancellationToken);
            }

            if (!observed.UpToDate && observeOnly)
            {
                // Looked at, never touched: what differs stays as it is until the policy says Manage.
                return Report(entity, observed with
                {
                    Readiness = observed.Readiness is { Stalled: true } stalled ? stalled : Readiness.IsReady(
                        "ObservedOnly",
                        "managementPolicy ObserveOnly: NeevCloud differs from the spec and is left as it is; set managementPolicy Manage to have it corrected"),
                });
            }

            if (!observed.UpToDate)
            {
                step = ManagedStep.Update;
                fence.ThrowIfClosed("update");
                observed = await external.UpdateAsync(entity, observed, cancellationToken);
            }

            return Report(entity, observed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await OnFailureAsync(entity, ex, step, cancellationToken);
        }
    }

    public async Task<FinalizeResult> FinalizeAsync(TEntity entity, CancellationToken cancellationToken)
    {
        var key = KeyOf(entity);
        _holds.TryRemove(key, out _);
        var result = await FinalizeOnceAsync(entity, cancellationToken);
        if (result.Completed)
        {
            breaker.Forget(key);
        }

        stalledResources.Track(entity, gone: result.Completed);

        return result;
    }

    private async Task<FinalizeResult> FinalizeOnceAsync(TEntity entity, CancellationToken cancellationToken)
    {
        bool uninstalling;
        try
        {
            uninstalling = await definitions.IsBeingDeletedAsync(typeof(TEntity), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failed = await OnFailureAsync(entity, ex, ManagedStep.Observe, cancellationToken);
            return FinalizeResult.Backoff(failed.RequeueAfter);
        }

        if (uninstalling)
        {
            // Every object of the kind goes with its definition: an uninstall (or a chart upgrade gone wrong), never
            // a decision about each cloud resource. Nothing is deleted in the cloud, whatever the policies say.
            await OrphanedByUninstallAsync(entity, cancellationToken);
            return FinalizeResult.Done;
        }

        var status = entity.ManagedStatus;
        if (ManagedAnnotations.IsPaused(entity.Metadata))
        {
            Conditions.SetPaused(status, "deletion waits while " + PausedMessage, entity.Metadata.Generation, time.GetUtcNow());
            return FinalizeResult.Retry(Refresh.Stable);
        }

        Conditions.Remove(status, ConditionTypes.Paused);
        if (entity.DeletionPolicy == DeletionPolicy.Orphan || entity.ManagementPolicy == ManagementPolicy.ObserveOnly)
        {
            // Dependents still block an orphaning deletion: they would be left without what they reference.
            if (external.DeletionBlockedBy(entity) is { } blockedOrphan)
            {
                Report(entity, blockedOrphan);
                return FinalizeResult.Retry(Refresh.Blocked);
            }

            LogOrphaned();
            return FinalizeResult.Done;
        }

        if (entity.DeletionProtection)
        {
            await StallAsync(entity, Failure.Stall(
                "DeletionProtected",
                "spec.deletionProtection is true: the deletion waits and nothing is deleted in NeevCloud; set it to false to "
                + "delete the cloud resource too, or set deletionPolicy: Orphan to keep the cloud resource and let this object go"),
                cancellationToken);
            return FinalizeResult.Retry(Refresh.Stable);
        }

        if (external.DeletionBlockedBy(entity) is { } blocked)
        {
            Report(entity, blocked);
            return FinalizeResult.Retry(Refresh.Blocked);
        }

        var identity = Identity.Of(entity);
        if (identity.Id is { } claimed && OwnerOf(entity, claimed) is not null)
        {
            // Another resource manages it: deleting this one must not delete that one's cloud resource.
            return FinalizeResult.Done;
        }

        if (identity.Conflict is { } conflict)
        {
            await StallAsync(entity, Failure.Stall(
                "ExternalIdMismatch", $"{conflict}; deletion waits, because deleting either could destroy what the spec did not ask for"), cancellationToken);
            return FinalizeResult.Retry(Refresh.Stable);
        }

        if (identity.Id is null && identity.CreatePending is null)
        {
            // Never created: nothing in the cloud can be this object's.
            return FinalizeResult.Done;
        }

        var step = ManagedStep.Observe;
        try
        {
            var now = time.GetUtcNow();
            var observed = await external.ObserveAsync(entity, identity.Lookup(now, Options.ClockSkew), cancellationToken);
            if (identity.Id is null && !observed.Exists)
            {
                var deadline = identity.CreatePending!.Value + Options.CreateGracePeriod;
                if (now < deadline)
                {
                    Report(entity, Readiness.InProgress("CreateOutcomeUnknown",
                        $"deletion waits until {ManagedAnnotations.Format(deadline)}: the answer to the create sent at "
                        + $"{ManagedAnnotations.Format(identity.CreatePending.Value)} was lost and NeevCloud may still commit it, "
                        + "which must not be left behind; it is looked up until then"));
                    return FinalizeResult.Retry(Min(Options.LookupInterval, deadline - now));
                }

                return FinalizeResult.Done;
            }

            if (identity.Id is null)
            {
                await RecordCreatedAsync(entity, observed.ExternalId!, cancellationToken);
            }

            if (!observed.Exists)
            {
                if (await external.AfterDeletedAsync(entity, cancellationToken) is { } stillToDo)
                {
                    Report(entity, stillToDo);
                    return FinalizeResult.Retry(Refresh.Blocked);
                }

                return FinalizeResult.Done;
            }

            step = ManagedStep.Delete;
            fence.ThrowIfClosed("delete");
            if (await HeldByBreakerAsync(entity, cancellationToken) is { } wait)
            {
                return FinalizeResult.Retry(wait);
            }

            var deletion = await external.DeleteAsync(entity, observed, cancellationToken);
            Report(entity, deletion.Readiness);
            return FinalizeResult.Retry(deletion.RecheckAfter);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var result = await OnFailureAsync(entity, ex, step, cancellationToken);
            return result.Failed ? FinalizeResult.Backoff(result.RequeueAfter) : FinalizeResult.Retry(result.RequeueAfter ?? Refresh.Stable);
        }
    }

    /// <summary>Null when the cloud deletion may go ahead; else how long the deletion breaker holds it (said in status).</summary>
    private async Task<TimeSpan?> HeldByBreakerAsync(TEntity entity, CancellationToken cancellationToken)
    {
        var was = Conditions.Find(entity.ManagedStatus.Conditions, ConditionTypes.Reconciling) is { Status: "True", Reason: DeletionBreakerOpen };
        var admission = breaker.Admit(KeyOf(entity), entity.Kind, ManagedAnnotations.IsDeletionConfirmed(entity.Metadata), heldBefore: was);
        if (admission.Allow)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var message =
            $"deletion held by the deletion breaker: more than {admission.Limit} cloud deletions were asked for within "
            + $"{Durations.Describe(admission.Window)} ({admission.Recent} started), more than a routine change makes; nothing is deleted in NeevCloud before "
            + $"{ManagedAnnotations.Format(admission.HeldUntil)} (later if more deletions are asked for). To delete it now, annotate it "
            + $"{ManagedAnnotations.ConfirmDeletion}=true; to keep the cloud resource, set spec.deletionProtection: true or deletionPolicy: Orphan";
        Report(entity, Readiness.InProgress(DeletionBreakerOpen, message));
        if (!was)
        {
            await events.RecordAsync(entity, "Warning", DeletionBreakerOpen, "Delete", message, cancellationToken);
        }

        var left = admission.HeldUntil - now;
        return left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1);
    }

    /// <summary>The object goes with its CustomResourceDefinition; its cloud resource stays, and the event says how to take it back.</summary>
    private async Task OrphanedByUninstallAsync(TEntity entity, CancellationToken cancellationToken)
    {
        var definition = EntityMetadata.For<TEntity>().DefinitionName;
        var id = Identity.Of(entity).Id;
        var message =
            $"CustomResourceDefinition {definition} is being deleted: "
            + (id is null ? "nothing is deleted in NeevCloud" : $"cloud resource {id} is left in NeevCloud as it is")
            + " (an uninstall never deletes cloud resources)"
            + (id is null ? "" : "; to manage it again, apply the CRDs and this resource with its cloud id in the spec");
        LogOrphanedByUninstall(definition, id ?? "none");
        await events.RecordAsync(entity, "Warning", "OrphanedByUninstall", "Delete", message, cancellationToken);
    }

    private static string KeyOf(TEntity entity) => entity.Metadata.Uid ?? $"{entity.Metadata.NamespaceProperty}/{entity.Metadata.Name}";

    /// <summary>What a step that threw means for the object (the same in reconcile and finalize), and its next pass.</summary>
    private async Task<ReconcileResult> OnFailureAsync(TEntity entity, Exception exception, ManagedStep step, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case WriteFencedException fenced:
                // Not sent: this replica may no longer act; the leader (this one again, or another) takes it from here.
                LogFenced(fenced.Operation, fenced.Reason);
                return ReconcileResult.After(Refresh.Blocked);
            case StaleObjectException:
                // Someone changed the object since it was read; its watch event brings the new copy.
                return ReconcileResult.After(TimeSpan.Zero);
            default:
                var failure = failures.Classify(exception, step);
                LogFailed(exception, step, failure.Reason);
                return await ReportFailureAsync(entity, failure, cancellationToken);
        }
    }

    /// <summary>Records the intent (guarded by the resourceVersion), creates, records the id.</summary>
    private async Task<ReconcileResult> CreateAsync(TEntity entity, CancellationToken cancellationToken)
    {
        // A replica that may no longer act records no intent either: the next leader would have to wait it out.
        fence.ThrowIfClosed("create");
        var now = time.GetUtcNow();
        var intent = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        await PatchAsync(entity, new() { [ManagedAnnotations.CreatePending] = ManagedAnnotations.Format(intent), [ManagedAnnotations.ExternalId] = null }, cancellationToken);

        ExternalObservation created;
        try
        {
            created = await external.CreateAsync(entity, cancellationToken);
        }
        catch (WriteFencedException)
        {
            // Not sent: take the intent back so the next leader need not wait for a create that never was.
            await PatchAsync(entity, new() { [ManagedAnnotations.CreatePending] = null }, cancellationToken);
            throw;
        }
        catch (Exception ex) when (ex is not StaleObjectException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            var failure = failures.Classify(ex, ManagedStep.Create);
            LogFailed(ex, ManagedStep.Create, failure.Reason);
            if (failure.MayHaveTakenEffect)
            {
                var deadline = intent + Options.CreateGracePeriod;
                Conditions.SetRetrying(entity.ManagedStatus, "CreateOutcomeUnknown",
                    $"{failure.Message}. The create may still be committed by NeevCloud: it is looked up from now on, and nothing is "
                    + $"created again before {ManagedAnnotations.Format(deadline)} unless it is found",
                    entity.Metadata.Generation, time.GetUtcNow());
                return ReconcileResult.After(Options.LookupInterval);
            }

            // The cloud refused it: nothing was created, so nothing needs finding.
            await PatchAsync(entity, new() { [ManagedAnnotations.CreatePending] = null }, cancellationToken);
            return await ReportFailureAsync(entity, failure, cancellationToken);
        }

        await RecordCreatedAsync(entity, created.ExternalId!, cancellationToken);
        return Report(entity, created);
    }

    /// <summary>A create of ours may have happened, and a look-up did not find it.</summary>
    private async Task<ReconcileResult> CreateOutcomeUnknownAsync(TEntity entity, DateTimeOffset pending, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deadline = pending + Options.CreateGracePeriod;
        if (now < deadline)
        {
            Conditions.SetRetrying(entity.ManagedStatus, "CreateOutcomeUnknown",
                $"the answer to the create sent at {ManagedAnnotations.Format(pending)} was lost and NeevCloud may still be committing it; "
                + $"it is looked up every {Options.LookupInterval.TotalSeconds:0} s, and nothing is created again before {ManagedAnnotations.Format(deadline)}",
                entity.Metadata.Generation, now);
            return ReconcileResult.After(Min(Options.LookupInterval, deadline - now));
        }

        // A look-up that started after the grace period did not find it: that create never happened.
        LogCreateNeverHappened(ManagedAnnotations.Format(pending));
        if (external.WaitingFor(entity) is { } waiting)
        {
            await PatchAsync(entity, new() { [ManagedAnnotations.CreatePending] = null }, cancellationToken);
            Report(entity, waiting);
            return ReconcileResult.After(Refresh.Blocked);
        }

        return await CreateAsync(entity, cancellationToken);
    }

    private Task RecordCreatedAsync(TEntity entity, string externalId, CancellationToken cancellationToken) =>
        PatchAsync(entity, new() { [ManagedAnnotations.ExternalId] = externalId, [ManagedAnnotations.CreatePending] = null }, cancellationToken);

    private async Task PatchAsync(TEntity entity, Dictionary<string, string?> annotations, CancellationToken cancellationToken)
    {
        var updated = await writer.PatchAnnotationsAsync(entity, annotations, cancellationToken);
        entity.Metadata = updated.Metadata;
    }

    private ReconcileResult Report(TEntity entity, ExternalObservation observed)
    {
        var readiness = observed.Readiness ?? Readiness.IsReady("Available", "the cloud resource matches the spec");
        Report(entity, readiness);
        return ReconcileResult.After(observed.RequeueAfter ?? (readiness.Reconciling ? Refresh.Blocked : Refresh.Stable));
    }

    private void Report(TEntity entity, Readiness readiness) =>
        Conditions.Apply(entity.ManagedStatus, readiness, entity.Metadata.Generation, time.GetUtcNow());

    /// <summary>The failure table's verdict in status, and the next pass it asks for.</summary>
    private async Task<ReconcileResult> ReportFailureAsync(TEntity entity, Failure failure, CancellationToken cancellationToken)
    {
        if (failure.Effect == FailureEffect.Stall)
        {
            return await StallAsync(entity, failure, cancellationToken);
        }

        if (entity.Metadata.DeletionTimestamp is null)
        {
            // The resource itself may be fine (a blip of the API): Ready keeps what it said, Reconciling tells the failure.
            Conditions.SetRetrying(entity.ManagedStatus, failure.Reason, failure.Message, entity.Metadata.Generation, time.GetUtcNow());
        }
        else
        {
            // A Terminating object is not Ready, whatever it said before: the deletion is what is failing.
            Report(entity, Readiness.InProgress(failure.Reason, $"deletion: {failure.Message}"));
        }

        return ReconcileResult.Backoff(failure.NotBefore);
    }

    private async Task<ReconcileResult> StallAsync(TEntity entity, Failure failure, CancellationToken cancellationToken)
    {
        var retryIn = failure.NotBefore ?? Refresh.Stable;
        if (entity.Metadata.DeletionTimestamp is null)
        {
            _holds[KeyOf(entity)] = new Hold(Hold.Fingerprint(entity), time.GetUtcNow() + retryIn);
        }

        var already = Conditions.Find(entity.ManagedStatus.Conditions, ConditionTypes.Stalled) is { Status: "True" } stalled
            && stalled.Reason == failure.Reason;
        Report(entity, Readiness.IsStalled(failure.Reason, failure.Message));
        if (!already)
        {
            await events.RecordAsync(entity, "Warning", failure.Reason, "Reconcile", failure.Message, cancellationToken);
        }

        return ReconcileResult.After(retryIn);
    }

    /// <summary>
    /// The resource of this kind that manages the cloud id, when it is another one: the one that already records
    /// it in its external-id annotation (it is acting on it), else the first to claim it (oldest
    /// creationTimestamp, then uid). Two resources on one cloud id would fight; the later one is refused.
    /// </summary>
    private TEntity? OwnerOf(TEntity entity, string externalId)
    {
        TEntity? first = null;
        foreach (var other in neighbours.ListBy(ByNamedId, externalId))
        {
            if (other.Metadata.Uid == entity.Metadata.Uid || Identity.Of(other).Id != externalId)
            {
                continue;
            }

            if (first is null || ClaimsFirst(other, first, externalId))
            {
                first = other;
            }
        }

        return first is not null && ClaimsFirst(first, entity, externalId) ? first : null;
    }

    private static bool ClaimsFirst(TEntity a, TEntity b, string externalId)
    {
        var (rankA, rankB) = (Claim(a, externalId), Claim(b, externalId));
        return rankA.Recorded != rankB.Recorded ? rankA.Recorded
            : rankA.Since != rankB.Since ? rankA.Since < rankB.Since
            : string.CompareOrdinal(a.Metadata.Uid, b.Metadata.Uid) < 0;
    }

    private static (bool Recorded, DateTime Since) Claim(TEntity entity, string externalId) =>
        (ManagedAnnotations.ExternalIdOf(entity.Metadata) == externalId, entity.Metadata.CreationTimestamp ?? DateTime.MaxValue);

    private Failure AlreadyManaged(string externalId, TEntity owner) => Failure.Stall(
        "AlreadyManaged",
        $"cloud resource {externalId} is already managed by {owner.Kind} {owner.Metadata.NamespaceProperty}/{owner.Metadata.Name}; "
        + "this resource makes no change to it, and deleting it leaves the cloud resource alone",
        Refresh.Blocked);

    /// <summary>How long a stalled object waits yet, unless the user changed it since (spec or annotations).</summary>
    private TimeSpan? HeldFor(TEntity entity)
    {
        var key = KeyOf(entity);
        if (!_holds.TryGetValue(key, out var hold))
        {
            return null;
        }

        var left = hold.Until - time.GetUtcNow();
        if (left > TimeSpan.Zero && hold.Of == Hold.Fingerprint(entity)
            && Conditions.Find(entity.ManagedStatus.Conditions, ConditionTypes.Stalled) is { Status: "True" })
        {
            return left;
        }

        _holds.TryRemove(key, out _);
        return null;
    }

    private static Failure GoneFailure(ExternalObservation observed, string externalId) =>
        observed.Readiness is { Stalled: true } why
            ? Failure.Stall(why.Reason, why.Message)
            : Failure.Stall("DeletedOutOfBand",
                $"the cloud resource {externalId} no longer exists; it is not recreated silently: delete this resource, and apply it again for a new one");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Step} failed ({Reason})")]
    private partial void LogFailed(Exception exception, ManagedStep step, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} not sent: {Reason}")]
    private partial void LogFenced(string operation, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Found {ExternalId}, made by an earlier create whose answer was lost")]
    private partial void LogFoundLostCreate(string externalId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The create decided at {Intent} never happened (not found after the grace period); creating again")]
    private partial void LogCreateNeverHappened(string intent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphaned: the CustomResourceDefinition {Definition} is being deleted, so cloud resource {ExternalId} stays as it is")]
    private partial void LogOrphanedByUninstall(string definition, string externalId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orphaned: the cloud resource stays as it is (deletionPolicy Orphan)")]
    private partial void LogOrphaned();

    /// <summary>A stall, and what the user had asked for when it stalled (our own bookkeeping does not count).</summary>
    private sealed record Hold(string Of, DateTimeOffset Until)
    {
        public static string Fingerprint(TEntity entity) =>
            $"{entity.Metadata.Generation}|{string.Join(';', (entity.Metadata.Annotations ?? new Dictionary<string, string>()).Where(a => !ManagedAnnotations.IsBookkeeping(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}";
    }

    /// <summary>What the object says about its cloud identity.</summary>
    private sealed record Identity(string? Id, DateTimeOffset? CreatePending, bool NeedsRecording, string? Conflict)
    {
        public static Identity Of(TEntity entity)
        {
            var annotated = ManagedAnnotations.ExternalIdOf(entity.Metadata);
            var specified = entity.SpecifiedExternalId is { Length: > 0 } s ? s : null;
            if (annotated is not null && specified is not null && annotated != specified)
            {
                return new(null, null, false,
                    $"the spec names cloud id {specified} but this resource manages {annotated} (annotation {ManagedAnnotations.ExternalId}); "
                    + "nothing is changed in the cloud until they agree");
            }

            // A create intent outranks an id only status holds: the intent is written after the id is given up (a
            // replacement), and the status write that forgets the old id may not have happened yet.
            var pending = annotated is null && specified is null ? ManagedAnnotations.CreatePendingOf(entity.Metadata) : null;
            var id = annotated ?? specified ?? (pending is null && entity.StatusExternalId is { Length: > 0 } recorded ? recorded : null);
            return new(id, id is null ? pending : null, id is not null && annotated is null, null);
        }

        /// <summary>Every cloud id the object names anywhere: <see cref="Of"/> picks its id from these.</summary>
        public static IEnumerable<string> NamedIds(TEntity entity)
        {
            if (ManagedAnnotations.ExternalIdOf(entity.Metadata) is { } annotated)
            {
                yield return annotated;
            }

            if (entity.SpecifiedExternalId is { Length: > 0 } specified)
            {
                yield return specified;
            }

            if (entity.StatusExternalId is { Length: > 0 } recorded)
            {
                yield return recorded;
            }
        }

        /// <summary>Whether a cloud resource may be this object's: it names one, or a create of its may have happened.</summary>
        public bool MayExist => Id is not null || CreatePending is not null || Conflict is not null;

        public ExternalLookup Lookup(DateTimeOffset now, TimeSpan clockSkew) => Id is { } id
            ? ExternalLookup.ById(id)
            : ExternalLookup.CreatedBy(CreatePending!.Value - clockSkew, now);
    }
}

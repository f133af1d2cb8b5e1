using NeevCloud.Operator.Runtime;

namespace Integration.Tests.Runtime;

/// <summary>A controller registered through DI, as the operator's real controllers are.</summary>
internal sealed class WidgetController : IEntityController<Widget>, IEntityFinalizer<Widget>
{
    public Task<ReconcileResult> ReconcileAsync(Widget entity, CancellationToken cancellationToken)
    {
        entity.Status.ObservedSize = entity.Spec.Size;
        Conditions.Apply(entity.Status, Readiness.IsReady("Observed"), entity.Metadata.Generation, DateTimeOffset.UtcNow);
        return Task.FromResult(ReconcileResult.Done);
    }

    public Task<FinalizeResult> FinalizeAsync(Widget entity, CancellationToken cancellationToken) => Task.FromResult(FinalizeResult.Done);
}

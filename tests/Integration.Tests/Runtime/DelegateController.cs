using NeevCloud.Operator.Runtime;

namespace Integration.Tests.Runtime;

/// <summary>A controller and finalizer whose behaviour each test supplies.</summary>
internal sealed class DelegateController(
    Func<Widget, Task<ReconcileResult>> reconcile,
    Func<Widget, Task<FinalizeResult>>? finalize = null) : IEntityController<Widget>, IEntityFinalizer<Widget>
{
    public Task<ReconcileResult> ReconcileAsync(Widget entity, CancellationToken cancellationToken) => reconcile(entity);

    public Task<FinalizeResult> FinalizeAsync(Widget entity, CancellationToken cancellationToken) =>
        finalize?.Invoke(entity) ?? Task.FromResult(FinalizeResult.Done);
}

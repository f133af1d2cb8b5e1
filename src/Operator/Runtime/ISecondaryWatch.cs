namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Changes of another resource type that should trigger passes of <typeparamref name="TEntity"/>
/// objects (e.g. a VirtualMachine's deletion re-examines its Project's blocked deletion).
/// </summary>
public interface ISecondaryWatch<TEntity>
{
    /// <summary>
    /// Whether what it reports has already happened to the object's own resource (the cloud says a VM is running),
    /// so the pass only records it: such passes go ahead of work not yet started (<see cref="WorkQueue.AddUrgent"/>).
    /// </summary>
    bool Urgent => false;

    void Attach(Action<string> enqueue);
}

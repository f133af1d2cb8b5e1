namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Changes of another resource type that should trigger passes of <typeparamref name="TEntity"/>
/// objects (e.g. a VirtualMachine's deletion re-examines its Project's blocked deletion).
/// </summary>
public interface ISecondaryWatch<TEntity>
{
    /// <param name="enqueue">Queues an object's pass as ordinary work.</param>
    /// <param name="enqueueUrgent">
    /// Queues it ahead of ordinary work (<see cref="WorkQueue.AddUrgent"/>): for news that an outcome the object waits
    /// for has happened (the cloud says its VM is running), which its pass only has to record.
    /// </param>
    void Attach(Action<string> enqueue, Action<string> enqueueUrgent);
}

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Changes of another resource type that should trigger passes of <typeparamref name="TEntity"/>
/// objects (e.g. a VirtualMachine's deletion re-examines its Project's blocked deletion).
/// </summary>
public interface ISecondaryWatch<TEntity>
{
    void Attach(Action<string> enqueue);
}

namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// Thrown by a kind's external client when it knows better than the generic table what a cloud answer means
/// (a 409 that is a name conflict, a 404 that is a missing organization).
/// </summary>
public sealed class FailureException(Failure failure, Exception? inner = null) : Exception(failure.Message, inner)
{
    public Failure Failure { get; } = failure;
}

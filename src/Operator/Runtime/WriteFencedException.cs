namespace NeevCloud.Operator.Runtime;

/// <summary>
/// A call that would change the cloud was not sent because this replica may no longer act (see
/// <see cref="WriteFence"/>). Nothing happened in the cloud; the leader that follows does the work.
/// </summary>
public sealed class WriteFencedException(string operation, string reason)
    : Exception($"{operation} was not sent: {reason}")
{
    public string Operation { get; } = operation;

    public string Reason { get; } = reason;
}

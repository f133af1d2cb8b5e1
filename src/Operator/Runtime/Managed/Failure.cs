namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// A failed step, as the object's conditions will tell it: a CamelCase reason, a message that says what failed
/// and what happens next, and what it does (<see cref="Effect"/>). <see cref="MayHaveTakenEffect"/> marks a call
/// whose outcome is unknown — a create that timed out may still be committed by the cloud.
/// </summary>
public sealed record Failure(string Reason, string Message, FailureEffect Effect, TimeSpan? NotBefore = null, bool MayHaveTakenEffect = false)
{
    public static Failure Retry(string reason, string message, TimeSpan? notBefore = null) => new(reason, message, FailureEffect.Retry, notBefore);

    public static Failure Stall(string reason, string message, TimeSpan? notBefore = null) => new(reason, message, FailureEffect.Stall, notBefore);
}

namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>What a failure does to the object's conditions and to its next pass.</summary>
public enum FailureEffect
{
    /// <summary>
    /// It may pass by itself (5xx, timeout, 429, a refused action, a blocked deletion): Reconciling=True with the
    /// reason, Ready keeps its last verdict, and the next pass comes after the object's growing back-off (never
    /// before <see cref="Failure.NotBefore"/>).
    /// </summary>
    Retry,

    /// <summary>
    /// Someone has to act (a rejected spec, refused credentials, a missing organization): Stalled=True and
    /// Ready=False, looked at again slowly (or at <see cref="Failure.NotBefore"/>) and at once when the spec changes.
    /// </summary>
    Stall,
}

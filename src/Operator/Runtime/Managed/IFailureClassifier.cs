namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>Turns what a step threw into a <see cref="Failure"/>: the one table of what each cloud answer does to status.</summary>
public interface IFailureClassifier
{
    Failure Classify(Exception exception, ManagedStep step);
}

namespace NeevCloud.Operator.Runtime.Deletion;

/// <summary>Configuration section "Operator:DeletionBreaker": how many cloud deletions may run unconfirmed.</summary>
public sealed class DeletionBreakerOptions
{
    public const string SectionName = "Operator:DeletionBreaker";

    /// <summary>Cloud deletions (objects, of all kinds together) that may start within <see cref="Window"/>; 0 turns the breaker off.</summary>
    public int MaxDeletes { get; set; } = 10;

    /// <summary>
    /// How far back deletions are counted, and how long the breaker stays open after the last deletion it held
    /// was first asked for.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

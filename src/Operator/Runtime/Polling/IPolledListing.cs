namespace NeevCloud.Operator.Runtime.Polling;

/// <summary>A <see cref="PolledListing{TScope, TItem, TEntity}"/> as the poller sees it.</summary>
public interface IPolledListing
{
    /// <summary>Lists every scope that is kept fresh now, unless a LIST of it started within <paramref name="maxAge"/>.</summary>
    Task PollAsync(TimeSpan maxAge, CancellationToken cancellationToken);
}

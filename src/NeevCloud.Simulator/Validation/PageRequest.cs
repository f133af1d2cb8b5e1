namespace NeevCloud.Simulator.Validation;

/// <summary>A validated page of a list: 1-based page, 1 to 100 items.</summary>
internal sealed record PageRequest(int Page, int Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static PageRequest Default { get; } = new(1, DefaultLimit);
}

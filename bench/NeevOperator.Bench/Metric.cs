namespace NeevOperator.Bench;

/// <summary>One row of the results table: a figure of every run, its median, and the design target if there is one.</summary>
internal sealed record Metric(string Name, string Target, Func<RunResult, double?> Value, string Format = "0.0");

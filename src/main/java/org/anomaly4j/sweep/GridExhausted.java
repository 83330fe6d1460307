package org.anomaly4j.sweep;

import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;

/**
 * Ends a grid search once every grid point has finished. Arbiter 1.0.0-beta7's runner otherwise keeps
 * polling after the grid is exhausted until another condition (time) ends it (seen: a 2-point grid
 * waiting out its 30-minute bound).
 */
public final class GridExhausted implements TerminationCondition {
    private final GridSearchCandidateGenerator grid;

    public GridExhausted(GridSearchCandidateGenerator grid) {
        this.grid = grid;
    }

    @Override
    public void initialize(IOptimizationRunner runner) {
        // nothing to remember
    }

    @Override
    public boolean terminate(IOptimizationRunner runner) {
        return !grid.hasMoreCandidates()
                && runner.numCandidatesCompleted() + runner.numCandidatesFailed() >= grid.getTotalNumCandidates();
    }
}

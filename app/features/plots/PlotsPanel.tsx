import { useMemo } from 'react';
import { Panel } from '../../components/Panel';
import { expandBounds, parseBoundsText, type Bounds } from '../../../src/core/index';
import { useShallow, useStudioStore, type Series, type StudioState } from '../../store/index';
import { sampleObjectiveGrid } from '../../store/runActions';
import { ContourPlot } from './ContourPlot';
import { ConvergencePlot } from './ConvergencePlot';
import { ParameterTracePlot } from './ParameterTracePlot';
import { PopulationPlot } from './PopulationPlot';
import './plots.css';

/** The run's fields the plots draw; each is replaced, never mutated, so a shallow comparison sees changes. */
const selectPlotInputs = (s: StudioState) => ({
  runId: s.runId,
  series: s.series,
  members: s.members,
  population: s.population,
  bestX: s.bestX,
  boundsText: s.bounds,
  moduleInfo: s.moduleInfo,
});

/** The box the run searches as the setup states it: the bounds field, else the module's bounds. */
function setupBounds(text: string, moduleBounds: Bounds | undefined, dim: number): Bounds | undefined {
  try {
    const bounds = parseBoundsText(text) ?? moduleBounds;
    return bounds && dim > 0 ? expandBounds(bounds, dim) : undefined;
  } catch {
    // Unreadable bounds text is the setup panel's to report; the plots then just fit their data.
    return undefined;
  }
}

/**
 * The plots region: convergence, parameter traces, the population and, for 2-D problems, the objective's
 * contour. Loaded lazily by the shell; plotly itself loads on first draw (plotly.ts).
 */
export default function PlotsPanel() {
  const { runId, series, members, population, bestX, boundsText, moduleInfo } = useStudioStore(useShallow(selectPlotInputs));
  const dim = series.params.length || bestX.length || moduleInfo?.dim || 0;
  const memberSeries = useMemo<Series[]>(() => members.map((m) => m.cost), [members]);
  const moduleBounds = moduleInfo?.bounds;
  const bounds = useMemo(() => setupBounds(boundsText, moduleBounds, dim), [boundsText, moduleBounds, dim]);
  return (
    <Panel title="Plots" area="plots" testId="plots.panel">
      <div className="plots">
        <ConvergencePlot runId={runId} convergence={series.cost} members={memberSeries} />
        <ParameterTracePlot runId={runId} parameters={series.params} />
        <PopulationPlot runId={runId} dim={dim} population={population} bestX={bestX} bounds={bounds} />
        {dim === 2 ? (
          <ContourPlot runId={runId} parameters={series.params} population={population} bestX={bestX} bounds={bounds} sampleGrid={sampleObjectiveGrid} problem={moduleInfo} />
        ) : null}
      </div>
    </Panel>
  );
}

// Terminal rendering of the risk figures, below the backtest tables.
import { table } from '../util/table.ts';
import type { RiskFigures } from './risk-figures.ts';

function usd(x: number | null): string {
  if (x === null) return 'n/a';
  const s = Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
  return x < 0 ? `-${s}` : s;
}
function num(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(2);
}

export function renderRisk(r: RiskFigures): string {
  const out: string[] = [];
  const mc = r.monte_carlo;
  if (mc) {
    out.push(table(
      ['over the horizon', '5%', 'median', '95%'],
      [
        ['net P&L', usd(mc.net_pnl_usd.p5), usd(mc.net_pnl_usd.p50), usd(mc.net_pnl_usd.p95)],
        ['max drawdown', usd(mc.max_drawdown_usd.p5), usd(mc.max_drawdown_usd.p50), usd(mc.max_drawdown_usd.p95)],
        ['ending equity', usd(mc.ending_equity_usd.p5), usd(mc.ending_equity_usd.p50), usd(mc.ending_equity_usd.p95)],
      ],
      { title: `Monte Carlo  ${mc.paths} paths of ${mc.days} days, seed ${mc.seed}, mean block ${mc.mean_block_length} days`, align: ['left', 'right', 'right', 'right'] },
    ));
    out.push(`probability of ruin (equity <= ${usd(mc.min_equity_usd)} within ${mc.days} days): ${(mc.ruin_probability * 100).toFixed(1)}%`);
  }
  const re = r.random_entry;
  if (re) {
    out.push(table(
      ['', 'engine', 'random 5%', 'median', '95%'],
      [
        ['net P&L', usd(re.engine_net_pnl_usd), usd(re.null_net_pnl_usd.p5), usd(re.null_net_pnl_usd.p50), usd(re.null_net_pnl_usd.p95)],
        ['Sharpe', num(re.engine_sharpe), num(re.null_sharpe.p5), num(re.null_sharpe.p50), num(re.null_sharpe.p95)],
      ],
      { title: `Random-entry benchmark  ${re.draws} draws, seed ${re.seed}, ${re.engine_trades} engine trades (random: ${re.mean_random_trades} on average)`, align: ['left', 'right', 'right', 'right', 'right'] },
    ));
    out.push(`${re.sentence[0]!.toUpperCase()}${re.sentence.slice(1)}.`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}

"""Shared pieces of the cooperation pages: a guarded write, their two charts (calls by closing month, indicators
planned against reached), the table of the offers screened (Ofertas), and the alerts, mid-term evaluations and
audits of the parish's agreements (core.cooperation.monitoring, core.cooperation.reviews) drawn where projects are
followed."""

import datetime as dt
from collections.abc import Callable, Sequence

import altair as alt
import polars as pl
import streamlit as st

from core import fmt
from core.cooperation import agreements, monitoring, pdot_progress, reviews
from core.cooperation.calls import Call
from core.proposals import records
from core.record import facts
from core.record.auth import PermissionDenied
from core.record.store import ConflictError, Store, StoreError
from core.texts import labels, t
from ui import session, widgets
from ui.charts import finish
from ui.text import plain


def calls_not_open(calls: Sequence[Call], on: dt.date) -> str:
    """The Spanish line (plain text) naming a cooperant's calls an application dated `on` cannot name: when each opens, or
    that it closed."""
    parts = [t("conv.call.opens", call=c.call_id, date=fmt.date(c.open_date)) if on < c.open_date
             else t("conv.call.closed", call=c.call_id, date=fmt.date(c.close_date)) for c in calls]
    return plain(t("conv.call.not_open", date=fmt.date(on), calls="; ".join(parts)))  # codes people typed


def attempt(action: Callable[[], object], success: str) -> bool:
    """Run a write; show the Spanish reason when it is refused, else `success`. True when it was stored."""
    try:
        action()
    except PermissionDenied as exc:
        session.denied(exc)
    except (ValueError, ConflictError, StoreError) as exc:
        session.refused(exc)
    else:
        st.success(success)
        return True
    return False


def agreement_flags(store: Store, parish_code: str, today: dt.date | None = None) -> None:
    """A table of the agreements with their progress, spending and alerts; nothing when the parish has none."""
    signed = agreements.agreements(store, parish_code)
    if not signed:
        return
    st.subheader(t("mon.flags.title"))
    frame = monitoring.flags_frame(store, signed, today or facts.today())
    percent = {c: pl.col(c).map_elements(lambda v: fmt.percent(v / 100), return_dtype=pl.Utf8)
               for c in ("elapsed_pct", "progress_pct", "spent_pct")}
    shown = frame.with_columns(**percent, reasons=pl.when(pl.col("reasons") == "").then(pl.lit(t("mon.flags.ok")))
                               .otherwise(pl.col("reasons")))
    columns = ["number", "proposal_id", "elapsed_pct", "progress_pct", "spent_pct", "reasons"]
    st.dataframe(shown.select(columns).rename({c: t(f"mon.col.{c}") for c in columns}), hide_index=True,
                 width="stretch")
    st.caption(t("mon.flags.caption", points=fmt.number(monitoring.LATE_POINTS)))


def agreement_reviews(store: Store, parish_code: str, *, empty_note: bool = False) -> None:
    """The mid-term evaluations and audits of the parish's agreements (core.cooperation.reviews), one row each."""
    rows = []
    for agreement in agreements.agreements(store, parish_code):
        found = reviews.review_rows(reviews.midterm(store, agreement.agreement_id),
                                    reviews.audits(store, agreement.agreement_id))
        rows += [[agreement.number_es, *[str(x) for x in row]] for row in found]
    if not rows:
        if empty_note:
            st.info(t("rev.none"))
        return
    columns = [t("rev.col.agreement"), t("rev.col.what"), t("rev.col.date"), t("rev.col.who"),
               t("rev.col.findings"), t("rev.col.result")]
    st.markdown(f"**{t('rev.table.title')}**")
    st.dataframe(pl.DataFrame(rows, schema=columns, orient="row"), hide_index=True, width="stretch")


def calls_by_month_chart(calendar: pl.DataFrame, state_labels: dict[str, str]) -> alt.TopLevelMixin:
    """Bars of calls per closing month (core.cooperation.calls.calendar), coloured by their state."""
    monthly = calendar.with_columns(pl.col("close_date").dt.strftime("%Y-%m").alias("month_key"),
                                    pl.col("close_date").map_elements(fmt.month, return_dtype=pl.Utf8).alias("month"),
                                    pl.col("state").replace_strict(state_labels).alias("state_es"))
    months = monthly.sort("month_key")["month"].unique(maintain_order=True).to_list()
    # months named in Spanish («enero de 2027», not «2027-01»), in calendar order; whole calls on the count axis
    chart = alt.Chart(monthly.to_pandas()).mark_bar().encode(
        x=alt.X("month:O", title=t("coop.calls.month"), sort=months, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count():Q", title=t("coop.calls.count"), axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("state_es:N", title=t("coop.calls.col.state")),
        tooltip=[alt.Tooltip("title:N", title=t("coop.calls.col.title")),
                 alt.Tooltip("cooperant:N", title=t("coop.calls.col.cooperant"))])
    return finish(chart, t("coop.calls.chart"))


def planned_actual_chart(frame: pl.DataFrame) -> alt.TopLevelMixin:
    """Lines of each indicator planned against reached (core.cooperation.monitoring.planned_vs_actual)."""
    long = frame.unpivot(index=["indicator", "period_end"], on=["planned", "actual"], variable_name="series")
    long = long.with_columns(pl.col("series").replace_strict({"planned": t("conv.report.planned"),
                                                              "actual": t("conv.report.actual")}))
    chart = alt.Chart(long.to_pandas()).mark_line(point=True).encode(
        x=alt.X("period_end:T", title=t("conv.report.period")), y=alt.Y("value:Q", title=t("conv.report.value")),
        color=alt.Color("series:N", title=None), strokeDash="series:N",
        tooltip=[alt.Tooltip("indicator:N", title=t("agr.col.indicator")),
                 alt.Tooltip("value:Q", title=t("conv.report.value"))])
    return finish(chart, t("conv.report.chart"))


def pdot_report(store: Store, parish_code: str) -> None:
    """The progress of the parish's followed projects against its PDOT objectives, with CSV and Excel downloads."""
    signed = agreements.agreements(store, parish_code)
    frame = pdot_progress.progress([v.item for v in records.pdot_objectives(store, parish_code)],
                                   records.proposal_models(store, parish_code), signed,
                                   {a.agreement_id: monitoring.reports(store, a.agreement_id) for a in signed}
                                   ).with_columns(pl.col("pdot_objective_id").map_elements(fmt.local_code,
                                                                                           return_dtype=pl.Utf8))
    if frame.is_empty():
        return
    st.subheader(t("pdot.title"))
    st.caption(t("pdot.caption"))
    headers = {c: t(f"pdot.col.{c}") for c in frame.columns}
    shown = frame.with_columns(
        pl.col("status").replace_strict(labels("proposal_status"), default=pl.col("status")),
        pl.col("committed_usd").map_elements(fmt.amount_for(frame["committed_usd"]), return_dtype=pl.Utf8),
        pl.col("spent_usd").map_elements(fmt.amount_for(frame["spent_usd"]), return_dtype=pl.Utf8)
        .fill_null(fmt.UNKNOWN),
        pl.col("progress_pct").map_elements(lambda v: fmt.percent(v / 100), return_dtype=pl.Utf8)
        .fill_null(fmt.UNKNOWN),
        pl.col("agreement").fill_null(""))
    st.dataframe(shown.rename(headers), hide_index=True, width="stretch")
    widgets.downloads(frame, headers, f"minga-avance-pdot-{parish_code}", key="pdot",
                      code_labels={"status": labels("proposal_status")})


def offers_table(frame: pl.DataFrame) -> pl.DataFrame:
    """The offers screened (core.proposals.cooperation.reviews_frame) as Ofertas shows them: Spanish headers, and
    each column of amounts written by one rule (fmt.amount_for: all to the cent when one has cents)."""
    yes, no = t("value.yes"), t("value.no")
    offered = fmt.amount_for(frame["amount_usd"].to_list())
    required = fmt.amount_for([v for v in frame["required_usd"].to_list() if v is not None and v > 0])
    return frame.select(
        pl.col("title").alias(t("ofe.col.title")), pl.col("cooperant").alias(t("ofe.col.cooperant")),
        pl.col("cooperation_type").alias(t("ofe.col.type")), pl.col("status").alias(t("ofe.col.status")),
        pl.col("amount_usd").map_elements(offered, return_dtype=pl.Utf8)
        .fill_null(t("ofe.unknown")).alias(t("ofe.col.amount")),
        pl.when(pl.col("required_usd").is_null()).then(pl.lit(t("ofe.unknown")))
        .when(pl.col("required_usd") <= 0).then(pl.lit(t("ofe.none")))
        .otherwise(pl.col("required_usd").map_elements(required, return_dtype=pl.Utf8))
        .alias(t("ofe.col.required")),
        pl.col("counterpart_ok").replace_strict({True: yes, False: no}, default=t("ofe.unknown"), return_dtype=pl.Utf8)
        .alias(t("ofe.col.counterpart_ok")),
        pl.col("eligible").replace_strict({True: yes, False: no}, return_dtype=pl.Utf8).alias(t("ofe.col.eligible")),
        pl.col("failed_gates").alias(t("ofe.col.failed")), pl.col("proposals").alias(t("ofe.col.proposals")),
        pl.col("example_of").fill_null("").alias(t("ofe.col.example_of")))

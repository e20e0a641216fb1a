"""Drag and drop on the timeline with dnd-kit (README, "Dependencies"), wrapped as Reflex wraps React
components: a context that reports where a drag is and where it ends, draggable blocks (an item, or
the handle at its foot that stretches it) and droppable columns (a space each).

The browser only moves pixels: it reports the dragged thing's id, how far it went down (one pixel is
one minute, snapped to 5) and the column under it; the backend decides the new time and place,
checks the conflicts while the drag goes on, and saves on the drop."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.event import EventHandler, key_event, no_args_event_spec
from reflex_base.vars.base import Var

DND_CORE = "@dnd-kit/core@6.3.1"
DND_MODIFIERS = "@dnd-kit/modifiers@9.0.0"
DND_SORTABLE = "@dnd-kit/sortable@10.0.0"

# Three small React components (they use dnd-kit's hooks, which Reflex components cannot call).
_CODE = """
const planSnap = [createSnapModifier(5)];
function PlanDnd({onDragMove, onDragEnd, onDragCancel, children}) {
  const sensors = useSensors(useSensor(PointerSensor, {activationConstraint: {distance: 6}}));
  const read = (e) => ({id: String(e.active.id), dy: Math.round(e.delta.y), over: e.over ? String(e.over.id) : ""});
  // Where the drag is, sent to the backend at most every 120 ms and always the latest position.
  const latest = useRef(null);
  const timer = useRef(null);
  const stop = () => { if (timer.current) { clearTimeout(timer.current); timer.current = null; } };
  const moved = (e) => {
    latest.current = read(e);
    if (!timer.current && onDragMove) {
      timer.current = setTimeout(() => { timer.current = null; onDragMove(latest.current); }, 120);
    }
  };
  const ended = (e) => { stop(); onDragEnd && onDragEnd(read(e)); };
  const cancelled = () => { stop(); onDragCancel && onDragCancel(); };
  return createElement(DndContext, {
    sensors, modifiers: planSnap, onDragMove: moved, onDragEnd: ended, onDragCancel: cancelled, autoScroll: true
  }, children);
}
function PlanDraggable({dragId, kind, blockTop, blockHeight, lane, lanes, children, className, title, onKeyDown}) {
  const {attributes, listeners, setNodeRef, transform, isDragging} = useDraggable({id: dragId});
  const dragged = useRef(false);
  useEffect(() => { if (isDragging) dragged.current = true; }, [isDragging]);
  const share = 100 / (Number(lanes) || 1), from = (Number(lane) || 0) * share;
  const place = kind === "resize"
    ? {position: "absolute", top: `calc(${blockTop} + ${blockHeight} - 7px)`, height: "10px",
       left: `${from + share / 4}%`, width: `${share / 2}%`, cursor: "ns-resize", zIndex: 3}
    : {position: "absolute", top: blockTop, height: blockHeight, cursor: "grab",
       left: `calc(${from}% + 2px)`, width: `calc(${share}% - 4px)`};
  const moved = transform ? {transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`} : {};
  const lifted = isDragging ? {zIndex: 20, opacity: 0.85, boxShadow: "0 6px 18px rgba(0,0,0,.25)"} : {};
  const {role, tabIndex, ...pointerOnly} = attributes;
  // A drag ends with the pointer released over the block: that is not a click on it.
  const swallow = (e) => { if (dragged.current) { dragged.current = false; e.stopPropagation(); e.preventDefault(); } };
  return createElement("div", {ref: setNodeRef, className, title, onClickCapture: swallow, onKeyDown,
    style: {...place, ...moved, ...lifted, touchAction: "none"}, ...listeners, ...pointerOnly, "data-drag-id": dragId},
    children);
}
function PlanDroppable({dropId, children, style, className}) {
  const {setNodeRef, isOver} = useDroppable({id: dropId});
  const lit = isOver ? {outline: "2px dashed var(--accent-9)", outlineOffset: "-2px"} : {};
  const props = {ref: setNodeRef, className, style: {...style, ...lit}, "data-drop-id": dropId};
  return createElement("div", props, children);
}
"""


def _drag(event: Var[Any]) -> tuple[Var[str], Var[int], Var[str]]:
    fields = event.to(dict)
    return (fields["id"].to(str), fields["dy"].to(int), fields["over"].to(str))


class PlanDnd(rx.Component):
    """The drag-and-drop context around the timeline's columns."""

    tag = "PlanDnd"
    on_drag_move: EventHandler[_drag]
    on_drag_end: EventHandler[_drag]
    on_drag_cancel: EventHandler[no_args_event_spec]

    def add_imports(self) -> dict[str, Any]:
        return {
            DND_CORE: ["DndContext", "PointerSensor", "useSensor", "useSensors", "useDraggable", "useDroppable"],
            DND_MODIFIERS: ["createSnapModifier"],
            "react": ["createElement", "useEffect", "useRef"],
        }

    def add_custom_code(self) -> list[str]:
        return [_CODE]


class PlanDraggable(rx.Component):
    """Something the pointer can drag: an item (id "move:<item>") or its foot ("resize:<item>")."""

    tag = "PlanDraggable"
    drag_id: Var[str]
    kind: Var[str]  # "move" or "resize"
    block_top: Var[str]  # "95px": where the item starts in its column
    block_height: Var[str]
    lane: Var[str]  # overlapping blocks of a column side by side: this one's lane, and how many
    lanes: Var[str]
    title: Var[str]
    on_key_down: EventHandler[key_event]  # the keyboard's drag, from the item's button inside


class PlanDroppable(rx.Component):
    """A column an item can be dropped on (id "space:<space>" or "space:none")."""

    tag = "PlanDroppable"
    drop_id: Var[str]


# A list reordered by dragging a row's handle (or, from the keyboard, focusing the handle: space
# picks the row up, the arrows move it, space drops it). The backend is told which row went where.
_SORT_CODE = """
const sortAxis = [restrictToVerticalAxis];
function SortableRows({ids, instructions, onReorder, children}) {
  const sensors = useSensors(
    useSensor(PointerSensor, {activationConstraint: {distance: 4}}),
    useSensor(KeyboardSensor, {coordinateGetter: sortableKeyboardCoordinates})
  );
  const ended = (e) => {
    if (e.over && String(e.active.id) !== String(e.over.id) && onReorder) {
      onReorder({id: String(e.active.id), over: String(e.over.id)});
    }
  };
  return createElement(DndContext, {
    sensors, collisionDetection: closestCenter, modifiers: sortAxis, onDragEnd: ended,
    accessibility: instructions ? {screenReaderInstructions: {draggable: instructions}} : undefined
  }, createElement(SortableContext, {items: ids || [], strategy: verticalListSortingStrategy}, children));
}
const gripDots = [[9, 5], [15, 5], [9, 12], [15, 12], [9, 19], [15, 19]];
function SortableRow({sortId, handleLabel, className, children}) {
  const {attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging} =
    useSortable({id: sortId});
  const style = {
    transform: transform ? `translate3d(0, ${Math.round(transform.y)}px, 0)` : undefined, transition,
    position: "relative", zIndex: isDragging ? 5 : undefined,
    boxShadow: isDragging ? "0 6px 18px rgba(0,0,0,.25)" : undefined,
    display: "flex", alignItems: "center", gap: "0.5em", width: "100%"
  };
  const grip = createElement("svg", {width: 16, height: 16, viewBox: "0 0 24 24", "aria-hidden": "true"},
    gripDots.map(([x, y]) => createElement("circle", {key: `${x}-${y}`, cx: x, cy: y, r: 1.6, fill: "currentColor"})));
  const handle = createElement("button", {
    ref: setActivatorNodeRef, type: "button", className: "sort-handle", title: handleLabel,
    ...attributes, ...listeners, "aria-label": handleLabel,
    style: {cursor: isDragging ? "grabbing" : "grab", touchAction: "none", background: "none", border: 0,
            padding: "0.4em 0.1em", color: "var(--gray-10)", flex: "0 0 auto"}
  }, grip);
  return createElement("div", {ref: setNodeRef, style, className, "data-sort-id": sortId}, handle,
    createElement("div", {style: {flex: "1 1 auto", minWidth: 0}}, children));
}
"""


def _reorder(event: Var[Any]) -> tuple[Var[str], Var[str]]:
    fields = event.to(dict)
    return (fields["id"].to(str), fields["over"].to(str))


class SortableRows(rx.Component):
    """A list whose rows are reordered by dragging; `ids` are the rows' sort ids, in order."""

    tag = "SortableRows"
    ids: Var[list[str]]
    instructions: Var[str]  # read by screen readers on a handle: how to move it from the keyboard
    on_reorder: EventHandler[_reorder]

    def add_imports(self) -> dict[str, Any]:
        return {
            DND_CORE: [
                "DndContext",
                "PointerSensor",
                "KeyboardSensor",
                "closestCenter",
                "useSensor",
                "useSensors",
            ],
            DND_MODIFIERS: ["restrictToVerticalAxis"],
            DND_SORTABLE: [
                "SortableContext",
                "sortableKeyboardCoordinates",
                "useSortable",
                "verticalListSortingStrategy",
            ],
            "react": ["createElement"],
        }

    def add_custom_code(self) -> list[str]:
        return [_SORT_CODE]


class SortableRow(rx.Component):
    """One row of SortableRows, with its drag handle at the start."""

    tag = "SortableRow"
    sort_id: Var[str]
    handle_label: Var[str]


sortable_rows = SortableRows.create
sortable_row = SortableRow.create
plan_dnd = PlanDnd.create
plan_draggable = PlanDraggable.create
plan_droppable = PlanDroppable.create

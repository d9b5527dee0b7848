/** The data-residency policy of the request a side call is made for. */
export interface SideCallPolicy {
  /** The request's route's regions, else the global ones; undefined: any region. */
  regions?: readonly string[];
}

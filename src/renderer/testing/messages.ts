/** Tests mount screens and call `translate` directly, without the main window that
 *  loads the features' messages in the app (i18n.tsx loadFeatureMessages): importing
 *  this module adds them. */
import { addFeatureMessages } from '../i18n/i18n';
import { featuresEn, featuresZhCN } from '../i18n/features';

addFeatureMessages(featuresZhCN, featuresEn);
